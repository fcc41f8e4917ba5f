import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { sealUnbound } from "@/tests/support/legacy-secret";
import { decryptSecret, encryptSecret, isUnboundSecret, maskKey } from "./crypto";
import { resetSecretCache } from "./secret";

const KEY = "sk-SENTINEL-0123456789abcdefghij";
const P = "provider-key";
const C = "provider:p1|https://relay.example.com";
const seal = (key = KEY) => encryptSecret(key, P, C);
const open = (stored: string, purpose = P, context = C) => decryptSecret(stored, purpose, context);

function useSecret(secret: string) {
  process.env.AUTH_SECRET = secret;
  resetEnvCache();
  resetSecretCache();
}

describe("vendor key encryption", () => {
  const saved = process.env.AUTH_SECRET;
  beforeEach(() => useSecret("a".repeat(32) + "-first-secret"));
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
    resetEnvCache();
    resetSecretCache();
  });

  it("round-trips, and never stores the key or repeats a ciphertext", () => {
    const a = seal();
    const b = seal();
    expect(open(a)).toBe(KEY);
    expect(open(b)).toBe(KEY);
    expect(a).not.toBe(b); // a fresh IV each time
    expect(a).toMatch(/^v2\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain("SENTINEL");
    expect(Buffer.from(a.split(".")[3], "base64url").toString("latin1")).not.toContain("SENTINEL");
  });

  it("detects any change to the ciphertext, the tag or the IV", () => {
    const stored = seal();
    const parts = stored.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index], "base64url");
      bytes[bytes.length - 1] ^= 0x01;
      const tampered = parts.map((p, i) => (i === index ? bytes.toString("base64url") : p)).join(".");
      expect(() => open(tampered)).toThrow();
    }
    expect(() => open(parts.slice(0, 3).join("."))).toThrow("Unrecognised secret format");
    expect(() => open(`v3.${parts.slice(1).join(".")}`)).toThrow("Unrecognised secret format");
  });

  it("is bound to the app secret, its purpose and its context", () => {
    const stored = seal();
    expect(() => open(stored, "another-purpose")).toThrow();
    expect(() => open(stored, P, "provider:p2|https://relay.example.com")).toThrow();
    expect(() => open(stored, P, "provider:p1|http://10.0.0.2")).toThrow();
    useSecret("b".repeat(32) + "-second-secret");
    expect(() => open(stored)).toThrow();
  });

  it("still opens a ciphertext sealed before contexts existed, and says so", () => {
    const legacy = sealUnbound(KEY, process.env.AUTH_SECRET!);
    expect(isUnboundSecret(legacy)).toBe(true);
    expect(isUnboundSecret(seal())).toBe(false);
    expect(open(legacy)).toBe(KEY);
  });
});

describe("maskKey", () => {
  it("shows the prefix and the last four characters only", () => {
    expect(maskKey("sk-abcdefghijklmnopa1b2")).toBe("sk-…a1b2");
    expect(maskKey("plainkey9876")).toBe("…9876");
    expect(maskKey("")).toBe("");
    expect(maskKey(null)).toBe("");
  });
});
