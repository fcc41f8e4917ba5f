import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetSecretCache } from "@/lib/server/secret";
import { readSessionCookie } from "./session";

// The session cookie as every request reads it: sealed by this server, unexpired,
// and remembered only as long as it is valid.

const SECRET = "s".repeat(32) + "-session-test-secret";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

const now = () => Math.floor(Date.now() / 1000);
const seal = (claims: Record<string, unknown>, options: { secret?: string; salt?: string; maxAge?: number } = {}) =>
  encode({ token: { auth_time: now(), ...claims }, secret: options.secret ?? SECRET, salt: options.salt ?? PLAIN, maxAge: options.maxAge ?? 3600 });
const read = (cookie: string) => readSessionCookie(new Headers({ cookie }));

describe("readSessionCookie", () => {
  const saved = process.env.AUTH_SECRET;
  beforeAll(() => {
    process.env.AUTH_SECRET = SECRET;
    resetEnvCache();
    resetSecretCache();
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
    resetEnvCache();
    resetSecretCache();
  });

  it("reads the user and session version from a cookie this server sealed, under either name", async () => {
    expect(await read(`${PLAIN}=${await seal({ sub: "u1", sv: 3 })}`)).toMatchObject({ userId: "u1", sessionVersion: 3 });
    expect(await read(`other=1; ${SECURE}=${await seal({ sub: "u2", sv: 1 }, { salt: SECURE })}`)).toMatchObject({ userId: "u2", sessionVersion: 1 });
  });

  it("refuses another secret, a swapped name, missing claims and garbage", async () => {
    expect(await read(`${PLAIN}=${await seal({ sub: "u1", sv: 1 }, { secret: "another secret that is long enough to use" })}`)).toBeNull();
    expect(await read(`${SECURE}=${await seal({ sub: "u1", sv: 1 }, { salt: PLAIN })}`)).toBeNull();
    expect(await read(`${PLAIN}=${await seal({ sub: "u1" })}`)).toBeNull();
    expect(await read(`${PLAIN}=${await seal({ sub: "u1", sv: 1, auth_time: undefined })}`)).toBeNull();
    expect(await read(`${PLAIN}=not.a.token`)).toBeNull();
    expect(await read("")).toBeNull();
  });

  it("stops counting a remembered cookie once it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-22T12:00:00Z");
    vi.setSystemTime(start);
    const cookie = `${PLAIN}=${await seal({ sub: "u9", sv: 2 }, { maxAge: 60 })}`;
    expect(await read(cookie)).toMatchObject({ userId: "u9" });
    vi.setSystemTime(new Date(start.getTime() + 30_000));
    expect(await read(cookie)).toMatchObject({ userId: "u9" }); // remembered, still valid
    vi.setSystemTime(new Date(start.getTime() + 120_000));
    expect(await read(cookie)).toBeNull();
  });

  it("ends a session 30 days after its sign-in, however fresh the cookie (SEC-18)", async () => {
    const day = 24 * 3600;
    // A cookie refreshed a moment ago (valid for 7 more days) whose sign-in was 31 days back.
    expect(await read(`${PLAIN}=${await seal({ sub: "u5", sv: 1, auth_time: now() - 31 * day }, { maxAge: 7 * day })}`)).toBeNull();
    expect(await read(`${PLAIN}=${await seal({ sub: "u5", sv: 1, auth_time: now() - 29 * day }, { maxAge: 7 * day })}`)).toMatchObject({ userId: "u5" });

    // Remembered while valid, forgotten at the absolute end even though the cookie's own expiry is later.
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-22T12:00:00Z");
    vi.setSystemTime(start);
    const cookie = `${PLAIN}=${await seal({ sub: "u6", sv: 1, auth_time: now() - 30 * day + 60 }, { maxAge: 7 * day })}`;
    expect(await read(cookie)).toMatchObject({ userId: "u6" });
    vi.setSystemTime(new Date(start.getTime() + 120_000));
    expect(await read(cookie)).toBeNull();
  });
});
