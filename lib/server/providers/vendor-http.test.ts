import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";
import { classifyNewapiError } from "./error-map";
import { VendorError } from "./types";
import { createVendorHttp, keyScrubber, parseRetryAfter, probeConnection } from "./vendor-http";

// The transport against a scripted local server: every way an answer can go wrong.

const KEY = "sk-vendorhttp-secret-0123456789";
type Script = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
let script: Script = (_req, res) => res.end("{}");
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => script(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => vi.restoreAllMocks());

const client = () => createVendorHttp({ provider: "test", baseUrl, apiKey: KEY, classify: classifyNewapiError });
const schema = z.looseObject({ data: z.string() });
const call = (timeoutMs = 2000) => client().request({ method: "POST", path: "/suno/fetch", body: { ids: [] }, timeoutMs, schema });

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Script =>
  (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

describe("vendor-http", () => {
  it("sends the bearer key and a JSON body, and parses the answer", async () => {
    let seen: { auth?: string; type?: string; body?: string; url?: string } = {};
    script = (req, res, body) => {
      seen = { auth: req.headers.authorization, type: req.headers["content-type"], body, url: req.url };
      json(200, { code: "success", data: "t1", extra: 1 })(req, res, body);
    };
    const { data, raw } = await call();
    expect(data).toEqual({ code: "success", data: "t1", extra: 1 });
    expect(raw).toEqual({ code: "success", data: "t1", extra: 1 });
    expect(seen).toEqual({ auth: `Bearer ${KEY}`, type: "application/json", body: '{"ids":[]}', url: "/suno/fetch" });
  });

  it("an HTML error page is bad_response", async () => {
    script = (_req, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
    };
    const err = await failure(call());
    expect(err).toMatchObject({ code: "bad_response", httpStatus: 502 });
    expect(err.vendorMessage).toContain("HTML");
  });

  it("an empty body is bad_response", async () => {
    script = (_req, res) => res.end();
    expect(await failure(call())).toMatchObject({ code: "bad_response", httpStatus: 200 });
  });

  it("truncated JSON is bad_response", async () => {
    script = (_req, res) => res.end('{"code":"success","data":"ab');
    expect((await failure(call())).vendorMessage).toContain("malformed JSON");
  });

  it("a body of the wrong shape is bad_response", async () => {
    script = json(200, { code: "success", data: 42 });
    expect(await failure(call())).toMatchObject({ code: "bad_response" });
  });

  it("429 is rate_limited with Retry-After in seconds", async () => {
    script = json(429, { code: "fail_to_fetch_task", message: "当前分组上游负载已饱和，请稍后再试" }, { "Retry-After": "7" });
    expect(await failure(call())).toMatchObject({ code: "rate_limited", retryAfter: 7, vendorMessage: "当前分组上游负载已饱和，请稍后再试" });
  });

  it("429 with an HTTP-date Retry-After and a non-JSON body", async () => {
    script = (_req, res) => {
      res.writeHead(429, { "Retry-After": new Date(Date.now() + 30_000).toUTCString() });
      res.end("slow down");
    };
    const err = await failure(call());
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfter).toBeGreaterThanOrEqual(28);
    expect(err.retryAfter).toBeLessThanOrEqual(30);
  });

  it("a vendor that never answers is a timeout", async () => {
    script = () => undefined;
    const started = Date.now();
    expect(await failure(call(200))).toMatchObject({ code: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a body that stalls halfway is a timeout", async () => {
    script = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"code":');
    };
    expect(await failure(call(300))).toMatchObject({ code: "timeout" });
  });

  it("a reset connection is vendor_unavailable", async () => {
    script = (req) => req.socket.destroy();
    expect(await failure(call())).toMatchObject({ code: "vendor_unavailable" });
  });

  it("a refused connection is vendor_unavailable and says why", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const http2 = createVendorHttp({ provider: "test", baseUrl: `http://127.0.0.1:${port}`, apiKey: KEY, classify: classifyNewapiError });
    const err = await failure(http2.request({ method: "GET", path: "/x", timeoutMs: 2000, schema }));
    expect(err).toMatchObject({ code: "vendor_unavailable" });
    expect(err.vendorMessage).toContain("ECONNREFUSED");
  });

  it("a redirect is refused rather than followed", async () => {
    script = (_req, res) => {
      res.writeHead(301, { Location: "https://elsewhere.example/suno/fetch" });
      res.end();
    };
    const err = await failure(call());
    expect(err).toMatchObject({ code: "bad_response", httpStatus: 301 });
    expect(err.vendorMessage).toContain("base URL");
  });

  it("an answer past 5 MiB is refused while it streams, declared or chunked", async () => {
    let sent = 0;
    const endless: Script = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    };
    script = endless;
    const chunked = await failure(call(10_000));
    expect(chunked).toMatchObject({ code: "bad_response" });
    expect(chunked.vendorMessage).toContain("larger than 5 MiB");
    expect(sent).toBeLessThan(32 * 1024 * 1024);

    script = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(6 * 1024 * 1024) });
      res.write("{");
    };
    expect((await failure(call())).vendorMessage).toContain("larger than 5 MiB");
  });

  it("refuses a loopback vendor whose host the operator did not allow, before sending anything", async () => {
    let hits = 0;
    script = (req, res, body) => {
      hits++;
      json(200, { data: "x" })(req, res, body);
    };
    vi.stubEnv("PROVIDER_ALLOWED_HOSTS", "");
    resetEnvCache();
    try {
      const err = await failure(call());
      expect(err).toMatchObject({ code: "vendor_unavailable" });
      expect(err.vendorMessage).toContain("PROVIDER_ALLOWED_HOSTS");
      const byName = createVendorHttp({ provider: "test", baseUrl: baseUrl.replace("127.0.0.1", "localhost"), apiKey: KEY, classify: classifyNewapiError });
      expect((await failure(byName.request({ method: "GET", path: "/x", timeoutMs: 2000, schema }))).vendorMessage).toContain("private or loopback");
      expect(hits).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
    await call();
    expect(hits).toBe(1);
  });

  it("errors inside a 200 are classified by the protocol", async () => {
    script = json(200, { code: "task_not_exist", message: "task_not_exist", data: null });
    expect(await failure(call())).toMatchObject({ code: "not_found", vendorMessage: "task_not_exist" });
  });

  it("the key never appears in an error, its raw body, or a log line, even when the vendor echoes it", async () => {
    script = (req, res) =>
      json(401, {
        error: { message: `invalid token ${req.headers.authorization} (bare: ${KEY.slice(3)})`, type: "new_api_error", [KEY]: KEY },
      })(req, res, "");
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    vi.stubEnv("SONGLOFT_LOG", "info");
    try {
      const err = await failure(call());
      expect(err.code).toBe("auth");
      expect(err.vendorMessage).toContain("invalid token Bearer ***");
      const everything = JSON.stringify({ message: err.message, vendorMessage: err.vendorMessage, raw: err.raw, stack: err.stack });
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain(KEY.slice(3));
      // A shape error logs a warning: it must be key-free too.
      script = json(200, { code: "success", data: { echoed: KEY } });
      await failure(call());
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join("\n")).not.toContain(KEY.slice(3));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("12", now)).toBe(12);
    expect(parseRetryAfter("1.2", now)).toBe(2);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:45 GMT", now)).toBe(45);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("keyScrubber", () => {
  it("removes the key and its bare form without sk-", () => {
    const scrub = keyScrubber("sk-abcdef123");
    expect(scrub("x sk-abcdef123 y abcdef123 z")).toBe("x *** y *** z");
  });
});

describe("probeConnection", () => {
  const fail = (code: VendorError["code"]) => () => Promise.reject(new VendorError(code, "nope"));
  it("classifies outcomes", async () => {
    expect(await probeConnection(() => Promise.resolve())).toEqual({ ok: true, message: "key accepted" });
    expect(await probeConnection(fail("auth"))).toMatchObject({ ok: false, reason: "rejected", message: "key rejected: nope" });
    expect(await probeConnection(fail("timeout"))).toMatchObject({ ok: false, reason: "unreachable" });
    expect(await probeConnection(fail("vendor_unavailable"))).toMatchObject({ ok: false, reason: "unreachable" });
    expect(await probeConnection(fail("not_found"))).toMatchObject({ ok: true });
    expect(await probeConnection(fail("quota"))).toMatchObject({ ok: false, reason: "error" });
  });
});
