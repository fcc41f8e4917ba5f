import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { acceptContentType, type MediaKind } from "./content-types";
import { parseMediaUrl, pinnedLookup, vetDestination, type ResolvedAddress } from "./destination";
import { MediaFetchError } from "./fetch-error";
import type { HostPolicy } from "./host-policy";

export { MediaFetchError, type MediaFetchReason } from "./fetch-error";
export type { ResolvedAddress } from "./destination";

// Downloads one vendor media file without letting a vendor's URL reach anything it
// should not (SEC-10): http(s) only, allowlisted hosts, every resolved address vetted
// and the socket pinned to the vetted one (no second DNS answer can swap it), each
// redirect hop checked again, the content type checked before a byte is kept, and a
// byte cap and timeouts enforced while streaming to a temp file.

export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

export interface SafeDownloadOptions {
  kind: MediaKind;
  policy: HostPolicy;
  /** Where the partial file is written; same file system as the archive so rename is atomic. */
  tempDir: string;
  maxBytes?: number;
  maxRedirects?: number;
  connectTimeoutMs?: number;
  /** Longest silence on the socket. */
  idleTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** DNS resolution; the system resolver by default. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface DownloadedMedia {
  tempPath: string;
  contentType: string;
  size: number;
  sha256: string;
  finalUrl: string;
}

interface Limits {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  signal: AbortSignal;
}

function requestOnce(url: URL, target: ResolvedAddress, limits: Limits): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers: { "user-agent": "Songloft-media-archiver/1", accept: "*/*", "accept-encoding": "identity" },
      lookup: pinnedLookup(target),
      agent: false, // a fresh socket per hop: never reuse one pinned to another address
      signal: limits.signal,
    });
    req.on("socket", (socket) => {
      const timer = setTimeout(() => req.destroy(new MediaFetchError("timeout", "Timed out connecting to the media host")), limits.connectTimeoutMs);
      socket.once("connect", () => clearTimeout(timer));
      socket.once("close", () => clearTimeout(timer));
    });
    req.setTimeout(limits.idleTimeoutMs, () => req.destroy(new MediaFetchError("timeout", "The media host stopped sending data")));
    req.once("response", resolve);
    req.on("error", reject); // not once: a late second error must not go unhandled
    req.end();
  });
}

function byteCounter(maxBytes: number, hash: crypto.Hash, total: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total.bytes += chunk.length;
      if (total.bytes > maxBytes) {
        callback(new MediaFetchError("too_large", `The media file is larger than ${maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

function asFetchError(err: unknown, signal: AbortSignal): MediaFetchError {
  if (err instanceof MediaFetchError) return err;
  if (signal.aborted) return new MediaFetchError("timeout", "The media download took too long", { cause: err });
  const code = (err as NodeJS.ErrnoException)?.code;
  return new MediaFetchError("network", `The media download failed${code ? ` (${code})` : ""}`, { cause: err });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeDownload(rawUrl: string, options: SafeDownloadOptions): Promise<DownloadedMedia> {
  const maxBytes = options.maxBytes ?? MAX_MEDIA_BYTES;
  const maxRedirects = options.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(options.totalTimeoutMs ?? 5 * 60_000);
  const limits: Limits = { connectTimeoutMs: options.connectTimeoutMs ?? 10_000, idleTimeoutMs: options.idleTimeoutMs ?? 30_000, signal };
  let url = parseMediaUrl(rawUrl);
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const target = await vetDestination(url, options.policy, options.resolve);
    let res: http.IncomingMessage;
    try {
      res = await requestOnce(url, target, limits);
    } catch (err) {
      throw asFetchError(err, signal);
    }
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      res.destroy();
      const location = res.headers.location;
      if (!location) throw new MediaFetchError("status", `The media host answered ${status} without a location`);
      url = parseMediaUrl(new URL(location, url));
      continue;
    }
    if (status !== 200) {
      res.destroy();
      throw new MediaFetchError("status", `The media host answered HTTP ${status}`);
    }
    const contentType = acceptContentType(options.kind, res.headers["content-type"], url);
    if (!contentType) {
      res.destroy();
      throw new MediaFetchError("content_type", `Refused content type "${res.headers["content-type"] ?? "none"}" for ${options.kind}`);
    }
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy();
      throw new MediaFetchError("too_large", `The media file is larger than ${maxBytes} bytes`);
    }
    return streamToTemp(res, { ...options, maxBytes, contentType, finalUrl: url.href, signal });
  }
  throw new MediaFetchError("redirect", `More than ${maxRedirects} redirects`);
}

async function streamToTemp(
  res: http.IncomingMessage,
  o: { tempDir: string; maxBytes: number; contentType: string; finalUrl: string; signal: AbortSignal },
): Promise<DownloadedMedia> {
  await fs.promises.mkdir(o.tempDir, { recursive: true });
  const tempPath = path.join(o.tempDir, `${crypto.randomBytes(12).toString("hex")}.part`);
  const hash = crypto.createHash("sha256");
  const total = { bytes: 0 };
  try {
    await pipeline(res, byteCounter(o.maxBytes, hash, total), fs.createWriteStream(tempPath, { flags: "wx" }), { signal: o.signal });
  } catch (err) {
    res.destroy();
    await fs.promises.rm(tempPath, { force: true });
    throw asFetchError(err, o.signal);
  }
  return { tempPath, contentType: o.contentType, size: total.bytes, sha256: hash.digest("hex"), finalUrl: o.finalUrl };
}
