import fs from "node:fs";
import { Readable } from "node:stream";
import { contentDisposition, isSvg } from "./content-types";
import { contentRange, parseRange, rangeStillValid } from "./range";

// Answers a GET or HEAD for one media file with Range, validators and the headers a
// browser needs to play, show or save it. The body streams from disk (or from a
// buffer for demo assets rendered on the fly); a file is never read whole.

export interface MediaBody {
  size: number;
  contentType: string;
  sha256: string;
  /** A fresh stream of bytes start..end inclusive. */
  stream(start: number, end: number): ReadableStream<Uint8Array>;
}

export function fileBody(absolutePath: string, meta: { size: number; contentType: string; sha256: string }): MediaBody {
  return {
    ...meta,
    stream: (start, end) => Readable.toWeb(fs.createReadStream(absolutePath, { start, end })) as ReadableStream<Uint8Array>,
  };
}

export function bufferBody(body: Buffer, meta: { contentType: string; sha256: string }): MediaBody {
  return {
    ...meta,
    size: body.length,
    stream: (start, end) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(body.subarray(start, end + 1)));
          controller.close();
        },
      }),
  };
}

// A hostile SVG opened directly must not run script or load anything.
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export interface ServeOptions {
  fileName: string;
  download: boolean;
  maxAgeSeconds: number;
}

function etagOf(sha256: string): string {
  return `"${sha256}"`;
}

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

export function serveMedia(request: Request, body: MediaBody, options: ServeOptions): Response {
  const etag = etagOf(body.sha256);
  const svg = isSvg(body.contentType);
  // An SVG is always an attachment: <img> still shows it, but opening it directly
  // downloads instead of rendering a document on our origin. The sandbox CSP below
  // is the second line, and does not survive on its own: Next.js keeps the CSP from
  // next.config.mjs when a route handler sets one too.
  const disposition = options.download || svg ? "attachment" : "inline";
  const headers = new Headers({
    "Content-Type": body.contentType,
    "Accept-Ranges": "bytes",
    "Content-Disposition": contentDisposition(disposition, options.fileName),
    // no-transform: a compressing proxy (or the server's own gzip) must not break byte ranges.
    "Cache-Control": `private, max-age=${options.maxAgeSeconds}, no-transform`,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  });
  if (svg) headers.set("Content-Security-Policy", SVG_CSP);
  const head = request.method === "HEAD";

  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }

  const rangeHeader = rangeStillValid(request.headers.get("if-range"), etag) ? request.headers.get("range") : null;
  const range = parseRange(rangeHeader, body.size);
  if (range.type === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${body.size}`);
    headers.delete("Content-Disposition");
    return new Response(null, { status: 416, headers });
  }
  const start = range.type === "partial" ? range.start : 0;
  const end = range.type === "partial" ? range.end : body.size - 1;
  // Next.js drops Content-Length from route handler responses (the body goes out
  // chunked); in-process callers and proxies still get it, and players size the
  // file from Content-Range.
  headers.set("Content-Length", String(Math.max(0, end - start + 1)));
  if (range.type === "partial") headers.set("Content-Range", contentRange(range, body.size));
  const status = range.type === "partial" ? 206 : 200;
  const stream = head || body.size === 0 ? null : body.stream(start, end);
  return new Response(stream, { status, headers });
}
