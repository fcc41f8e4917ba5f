import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { atPublicOrigin, publicOrigin } from "./public-origin";

// Both legs of a single sign-on must build the same redirect_uri: the auth route sees
// the origin the browser used (APP_URL, else Host / X-Forwarded-*), never the address
// `next start` listens on, and never NextRequest's "localhost" for 127.0.0.1.

describe("public origin of the auth route", () => {
  const saved = process.env.APP_URL;
  const setAppUrl = (value: string | undefined) => {
    if (value === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = value;
    resetEnvCache();
  };
  afterEach(() => setAppUrl(saved));
  const listening = new URL("http://127.0.0.1:3000/api/auth/callback/oidc");

  it("follows the proxy's forwarded host and scheme", () => {
    setAppUrl(undefined);
    expect(publicOrigin(new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "songs.example.test", "x-forwarded-proto": "https" }), listening)).toBe(
      "https://songs.example.test",
    );
    expect(publicOrigin(new Headers({ host: "songs.example.test:8080" }), listening)).toBe("http://songs.example.test:8080");
    expect(publicOrigin(new Headers({ "x-forwarded-host": "a.example.test, b.example.test", "x-forwarded-proto": "https,http" }), listening)).toBe("https://a.example.test");
  });

  it("prefers APP_URL when it is set", () => {
    setAppUrl("https://music.example.test/");
    expect(publicOrigin(new Headers({ host: "internal:3000", "x-forwarded-proto": "http" }), listening)).toBe("https://music.example.test");
  });

  it("keeps a loopback address as the browser typed it, with path and query", async () => {
    setAppUrl(undefined);
    const req = new NextRequest("http://127.0.0.1:4100/api/auth/callback/oidc?code=c&state=s", { headers: { host: "127.0.0.1:4100" } });
    expect(req.url).toContain("localhost"); // what NextRequest would have told Auth.js
    const rewritten = atPublicOrigin(req);
    expect(rewritten.url).toBe("http://127.0.0.1:4100/api/auth/callback/oidc?code=c&state=s");
    expect(rewritten.nextUrl.origin).toBe("http://127.0.0.1:4100");
  });
});
