import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertSameOrigin, errorResponse, MAX_BODY, readBodyLimited, readJson } from "./http";
import { AppError } from "@/lib/errors";

const req = (headers: Record<string, string>, body?: string) =>
  new Request("http://songloft.test/api/v1/generations", { method: "POST", headers: { host: "songloft.test", ...headers }, body });

describe("assertSameOrigin (SEC-7)", () => {
  it("lets same-origin browsers and non-browser clients through", () => {
    expect(() => assertSameOrigin(req({ origin: "http://songloft.test" }))).not.toThrow();
    expect(() => assertSameOrigin(req({}))).not.toThrow();
  });
  it("refuses another origin or a malformed one with 403", () => {
    for (const origin of ["https://evil.example", "http://songloft.test.evil.example", "null"]) {
      let caught: unknown;
      try {
        assertSameOrigin(req({ origin }));
      } catch (err) {
        caught = err;
      }
      expect(caught, origin).toBeInstanceOf(AppError);
      expect((caught as AppError).status, origin).toBe(403);
    }
  });
});

describe("readJson and errorResponse (SEC-12)", () => {
  const schema = z.object({ title: z.string().max(5) });
  it("answers bad JSON, bad fields and oversized bodies with clear 4xx errors", async () => {
    await expect(readJson(req({}, "{oops"), schema)).rejects.toMatchObject({ code: "bad_request" });
    await expect(readJson(req({}, JSON.stringify({ title: "far too long" })), schema)).rejects.toMatchObject({ code: "validation", details: { title: expect.any(Array) } });
    await expect(readJson(req({}, JSON.stringify({ title: "x".repeat(70_000) })), schema)).rejects.toMatchObject({ code: "payload_too_large" });
  });
  it("never leaks an unexpected error's message", async () => {
    const res = errorResponse(new Error("SQLITE_CORRUPT at /secret/path"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("secret");
  });
});

describe("readBodyLimited (SEC-13)", () => {
  /** An endless chunked body that counts how much of it was pulled. */
  function endless(): { body: ReadableStream<Uint8Array>; pulled: () => number } {
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { body, pulled: () => pulled };
  }
  const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    new Request("http://songloft.test/api/v1/generations", { method: "POST", headers, body, duplex: "half" } as RequestInit);

  it("stops reading a chunked body just past the limit", async () => {
    const { body, pulled } = endless();
    await expect(readBodyLimited(post(body))).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(pulled()).toBeLessThanOrEqual(MAX_BODY + 64 * 1024);
  });

  it("refuses a declared length over the limit before reading a byte", async () => {
    const { body, pulled } = endless();
    await expect(readBodyLimited(post(body, { "content-length": String(400 * 1024 * 1024) }))).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBeLessThanOrEqual(16 * 1024);
  });

  it("readJson refuses an endless chunked upload instead of reading it all", async () => {
    const { body, pulled } = endless();
    await expect(readJson(post(body), z.object({}))).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBeLessThanOrEqual(MAX_BODY + 64 * 1024);
  });

  it("returns a body within the limit whole", async () => {
    expect(new TextDecoder().decode(await readBodyLimited(post("x".repeat(MAX_BODY))))).toHaveLength(MAX_BODY);
  });
});
