import fs from "node:fs";
import http from "node:http";

// Hostile request bodies for SEC-13: a large chunked upload streamed at the server,
// and the server's resident memory read from /proc.

export interface UploadResult {
  status: number;
  /** Bytes written before the server answered (or dropped the connection). */
  sent: number;
  body: string;
}

/**
 * Streams `bytes` of body in 64 KiB chunks (chunked transfer encoding, no length)
 * and stops sending as soon as the server answers. A server that reads everything
 * first only answers at the end.
 */
export function streamUpload(url: string, bytes: number, headers: Record<string, string> = {}, method = "POST"): Promise<UploadResult> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method, headers: { "content-type": "application/json", ...headers, "transfer-encoding": "chunked" } });
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sent, body });
      });
      res.on("error", () => resolve({ status: res.statusCode ?? 0, sent, body }));
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
    pump();
  });
}

/** Resident set size of a process in MiB (Linux). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb / 1024;
}
