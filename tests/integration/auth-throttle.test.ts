import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/server/auth/credentials";
import { MAX_PER_ACCOUNT, MAX_PER_ADDRESS, WINDOW_MS } from "@/lib/server/auth/throttle";
import { createUser } from "@/lib/server/services/accounts";
import { useTempDataDir } from "../support/temp-data";

// SEC-6: throttling per account and per address, one generic answer for unknown
// accounts and wrong passwords, no hashing for refused attempts, no permanent lockout.

describe("login throttling", () => {
  beforeEach(async () => {
    useTempDataDir();
    await createUser({ email: "ada@example.test", name: "Ada", password: "analytical engine", role: "admin" });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("answers an unknown email and a wrong password alike", async () => {
    const unknown = await checkCredentials({ email: "nobody@example.test", password: "whatever it is" }, "10.0.0.1");
    const wrong = await checkCredentials({ email: "ada@example.test", password: "wrong password" }, "10.0.0.1");
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    const right = await checkCredentials({ email: "ADA@example.test ", password: "analytical engine" }, "10.0.0.1");
    expect(right.ok).toBe(true);
  });

  it("throttles an account after repeated failures without hashing, and lets it in after the window", async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect((await checkCredentials({ email: "ada@example.test", password: `guess ${i}` }, `10.0.1.${i}`)).ok).toBe(false);
    }
    const scrypt = vi.spyOn(crypto, "scrypt");
    const throttled = await checkCredentials({ email: "ada@example.test", password: "analytical engine" }, "10.0.2.1");
    expect(throttled).toEqual({ ok: false, reason: "throttled" });
    expect(scrypt).not.toHaveBeenCalled();

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + WINDOW_MS + 1000);
    const later = await checkCredentials({ email: "ada@example.test", password: "analytical engine" }, "10.0.2.1");
    expect(later.ok).toBe(true);
  });

  it("throttles one address that tries many accounts", async () => {
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      await checkCredentials({ email: `user${i}@example.test`, password: "not the one" }, "192.0.2.9");
    }
    expect(await checkCredentials({ email: "ada@example.test", password: "analytical engine" }, "192.0.2.9")).toEqual({ ok: false, reason: "throttled" });
    expect((await checkCredentials({ email: "ada@example.test", password: "analytical engine" }, "192.0.2.10")).ok).toBe(true);
  }, 120_000);
});
