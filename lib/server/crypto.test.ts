import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { decryptSecret, encryptSecret, maskKey } from "./crypto";
import { resetSecretCache } from "./secret";

const KEY = "sk-SENTINEL-0123456789abcdefghij";

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
    const a = encryptSecret(KEY);
    const b = encryptSecret(KEY);
    expect(decryptSecret(a)).toBe(KEY);
    expect(decryptSecret(b)).toBe(KEY);
    expect(a).not.toBe(b); // a fresh IV each time
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain("SENTINEL");
    expect(Buffer.from(a.split(".")[3], "base64url").toString("latin1")).not.toContain("SENTINEL");
  });

  it("detects any change to the ciphertext, the tag or the IV", () => {
    const stored = encryptSecret(KEY);
    const parts = stored.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index], "base64url");
      bytes[bytes.length - 1] ^= 0x01;
      const tampered = parts.map((p, i) => (i === index ? bytes.toString("base64url") : p)).join(".");
      expect(() => decryptSecret(tampered)).toThrow();
    }
    expect(() => decryptSecret(parts.slice(0, 3).join("."))).toThrow("Unrecognised secret format");
    expect(() => decryptSecret(`v2.${parts.slice(1).join(".")}`)).toThrow("Unrecognised secret format");
  });

  it("is bound to the app secret and to its purpose", () => {
    const stored = encryptSecret(KEY);
    expect(() => decryptSecret(stored, "another-purpose")).toThrow();
    useSecret("b".repeat(32) + "-second-secret");
    expect(() => decryptSecret(stored)).toThrow();
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
