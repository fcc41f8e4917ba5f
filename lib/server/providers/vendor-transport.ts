import http from "node:http";
import https from "node:https";
import { guardedLookup } from "./destination";

// One HTTP exchange with a vendor, on node:http so the socket's lookup can refuse
// private addresses (SEC-15), with the whole exchange under one deadline and the
// answer read through a byte counter: a vendor (or whatever sits at its address)
// cannot make the server buffer more than the cap (SEC-18 / issue 11).

export const MAX_VENDOR_ANSWER_BYTES = 5 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The vendor's answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB.`);
    this.name = "AnswerTooLargeError";
  }
}

export interface Exchange {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Hosts (host or host:port) that may resolve to private addresses. */
  allowedPrivateHosts: string[];
  maxBytes?: number;
}

export interface ExchangeResult {
  status: number;
  header(name: string): string | null;
  /** Empty for redirects, which are never followed. */
  body: string;
}

export function exchange(x: Exchange): Promise<ExchangeResult> {
  const maxBytes = x.maxBytes ?? MAX_VENDOR_ANSWER_BYTES;
  return new Promise((resolve, reject) => {
    const url = new URL(x.url);
    const client = url.protocol === "https:" ? https : http;
    const headers = x.body === undefined ? x.headers : { ...x.headers, "Content-Length": String(Buffer.byteLength(x.body)) };
    // Throws for a forbidden literal address, before any socket exists.
    const lookup = guardedLookup(url, x.allowedPrivateHosts);
    const req = client.request(url, { method: x.method, headers, signal: x.signal, lookup, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const header = (name: string) => {
        const value = res.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      };
      const fail = (err: unknown) => {
        res.destroy();
        reject(err);
      };
      if (status >= 300 && status < 400) {
        res.destroy();
        return resolve({ status, header, body: "" });
      }
      if (Number(res.headers["content-length"]) > maxBytes) return fail(new AnswerTooLargeError(maxBytes));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail(new AnswerTooLargeError(maxBytes));
        chunks.push(chunk);
      });
      res.on("end", () => resolve({ status, header, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("close", () => {
        if (!res.complete) reject(x.signal.aborted ? x.signal.reason : Object.assign(new Error("connection closed mid-answer"), { code: "ECONNRESET" }));
      });
    });
    req.on("error", reject);
    req.end(x.body);
  });
}
