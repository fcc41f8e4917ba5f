import http from "node:http";
import type { AddressInfo } from "node:net";

// Real HTTP servers that play a vendor CDN, for the media archive tests.

export interface TestServer {
  url: string;
  port: number;
  /** Requests received, by path. */
  hits: string[];
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1, on `port` when given (to bring a stopped server back at the same URL). */
export async function startServer(handler: http.RequestListener, port = 0): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    hits,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with these bytes and this content type. */
export function serveBytes(body: Buffer, contentType: string, status = 200): http.RequestListener {
  return (_req, res) => {
    res.writeHead(status, { "content-type": contentType, "content-length": body.length });
    res.end(body);
  };
}

/**
 * Streams `total` zero bytes without a Content-Length, in 64 KiB chunks, without ever
 * holding more than one chunk; `sent` tells how far it got before the client hung up.
 */
export function streamZeros(total: number, progress: { sent: number; finished: boolean; aborted: boolean }): http.RequestListener {
  const chunk = Buffer.alloc(64 * 1024);
  return (_req, res) => {
    res.writeHead(200, { "content-type": "audio/mpeg" });
    res.on("close", () => {
      if (!res.writableFinished) progress.aborted = true;
    });
    const pump = () => {
      while (progress.sent < total && !res.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - progress.sent));
        progress.sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      if (!res.destroyed) {
        progress.finished = true;
        res.end();
      }
    };
    pump();
  };
}
