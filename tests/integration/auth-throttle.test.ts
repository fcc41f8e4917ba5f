import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkCredentials, type CheckResult } from "@/lib/server/auth/credentials";
import { HASH_SLOTS } from "@/lib/server/auth/hash-slots";
import { MAX_PER_ACCOUNT, MAX_PER_ADDRESS, WINDOW_MS } from "@/lib/server/auth/throttle";
import type { User } from "@/lib/server/db/schema";
import { createUser } from "@/lib/server/services/accounts";
import { openTestDb, type TestDb } from "../support/db";

// SEC-6 and SEC-14: throttling per account and per address, one generic answer for
// unknown accounts and wrong passwords, no hashing for refused attempts, no permanent
// lockout; attempts reserved before hashing, a process-wide cap on hashes in flight,
// and a browser that signed in before counted apart from everyone else.

/** Counts scrypt runs, and the most that ran at once. */
function watchHashing() {
  const real = crypto.scrypt;
  const seen = { calls: 0, inFlight: 0, maxInFlight: 0 };
  vi.spyOn(crypto, "scrypt").mockImplementation(((...args: unknown[]) => {
    const done = args.pop() as (err: Error | null, key: Buffer) => void;
    seen.calls += 1;
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    (real as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
      seen.inFlight -= 1;
      done(err, key);
    });
  }) as typeof crypto.scrypt);
  return seen;
}

const ada = { email: "ada@example.test", password: "analytical engine" };
let adaUser: User;
let db: TestDb;

describe("login throttling", () => {
  beforeEach(async () => {
    db = openTestDb();
    adaUser = await createUser({ ...ada, name: "Ada", role: "admin" });
  });
  afterEach(() => {
    db.cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("answers an unknown email and a wrong password alike", async () => {
    const unknown = await checkCredentials({ email: "nobody@example.test", password: "whatever it is" }, { ip: "10.0.0.1" });
    const wrong = await checkCredentials({ email: ada.email, password: "wrong password" }, { ip: "10.0.0.1" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    const right = await checkCredentials({ email: "ADA@example.test ", password: ada.password }, { ip: "10.0.0.1" });
    expect(right.ok).toBe(true);
  });

  it("throttles an account after repeated failures without hashing, and lets it in after the window", async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect((await checkCredentials({ email: ada.email, password: `guess ${i}` }, { ip: `10.0.1.${i}` })).ok).toBe(false);
    }
    const hashing = watchHashing();
    const throttled = await checkCredentials(ada, { ip: "10.0.2.1" });
    expect(throttled).toEqual({ ok: false, reason: "throttled" });
    expect(hashing.calls).toBe(0);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + WINDOW_MS + 1000);
    const later = await checkCredentials(ada, { ip: "10.0.2.1" });
    expect(later.ok).toBe(true);
  });

  it("throttles one address that tries many accounts", async () => {
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      await checkCredentials({ email: `user${i}@example.test`, password: "not the one" }, { ip: "192.0.2.9" });
    }
    expect(await checkCredentials(ada, { ip: "192.0.2.9" })).toEqual({ ok: false, reason: "throttled" });
    expect((await checkCredentials(ada, { ip: "192.0.2.10" })).ok).toBe(true);
  }, 120_000);

  it("counts guesses still being hashed: kept as busy as the cap allows, an account gets five hashes, not more", async () => {
    const hashing = watchHashing();
    const answers: CheckResult[] = [];
    let next = 0;
    // Each finished guess starts the next, so HASH_SLOTS guesses are always in flight.
    const guesser = async () => {
      while (next < 20) {
        next += 1;
        answers.push(await checkCredentials({ email: ada.email, password: `guess ${next}` }, { ip: `10.0.3.${next}` }));
      }
    };
    await Promise.all(Array.from({ length: HASH_SLOTS }, guesser));
    expect(hashing.calls).toBe(MAX_PER_ACCOUNT);
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(MAX_PER_ACCOUNT);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(20 - MAX_PER_ACCOUNT);
  }, 60_000);

  it("20 wrong passwords at once: at most five are hashed, the rest are turned away before hashing", async () => {
    const hashing = watchHashing();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => checkCredentials({ email: ada.email, password: `guess ${i}` }, { ip: `10.0.4.${i}` })));
    expect(hashing.calls).toBeLessThanOrEqual(MAX_PER_ACCOUNT);
    expect(answers.every((a) => !a.ok)).toBe(true);
  }, 60_000);

  it("caps hashes in flight process-wide: a flood of unknown emails hashes only HASH_SLOTS at once, the rest are busy", async () => {
    const hashing = watchHashing();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => checkCredentials({ email: `stranger${i}@example.test`, password: "not a member" }, { ip: `10.0.5.${i}` })),
    );
    expect(hashing.maxInFlight).toBeLessThanOrEqual(HASH_SLOTS);
    expect(answers.filter((a) => !a.ok && a.reason === "busy").length).toBeGreaterThanOrEqual(12 - HASH_SLOTS);
  }, 60_000);

  it("a browser that signed in before is not locked out by strangers' failures, nor kept out by a flood", async () => {
    const device = { userId: adaUser.id, deviceId: "ada-laptop" };
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await checkCredentials({ email: ada.email, password: `attacker ${i}` }, { ip: "203.0.113.7" });
    expect(await checkCredentials(ada, { ip: "198.51.100.1" })).toEqual({ ok: false, reason: "throttled" });

    // The slots are full of strangers' guesses; Ada's own browser still gets in.
    const flood = Array.from({ length: HASH_SLOTS }, (_, i) => checkCredentials({ email: `flood${i}@example.test`, password: "flooding" }, { ip: `10.0.6.${i}` }));
    const own = await checkCredentials(ada, { ip: "203.0.113.7", device });
    await Promise.all(flood);
    expect(own.ok).toBe(true);

    // Another account's device cookie counts for nothing here.
    expect(await checkCredentials(ada, { ip: "198.51.100.1", device: { userId: "someone-else", deviceId: "x" } })).toEqual({ ok: false, reason: "throttled" });
    // The device's own failures are counted, for that device alone.
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await checkCredentials({ email: ada.email, password: `typo ${i}` }, { ip: "10.0.7.1", device });
    expect(await checkCredentials(ada, { ip: "10.0.7.1", device })).toEqual({ ok: false, reason: "throttled" });
  }, 60_000);
});
