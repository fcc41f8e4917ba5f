import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEDULE, faultDelayMs, pollDelayMs } from "./schedule";

const mid = () => 0.5;

describe("poll schedule", () => {
  it("starts at 5 s and eases off to 15 s, never beyond", () => {
    expect(pollDelayMs(0, DEFAULT_SCHEDULE, mid)).toBe(5_000);
    const delays = Array.from({ length: 20 }, (_, n) => pollDelayMs(n, DEFAULT_SCHEDULE, mid));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBe(15_000);
    expect(Math.max(...Array.from({ length: 50 }, (_, n) => pollDelayMs(n, DEFAULT_SCHEDULE, () => 0.999)))).toBeLessThanOrEqual(15_000);
  });

  it("spreads polls with jitter", () => {
    const low = pollDelayMs(0, DEFAULT_SCHEDULE, () => 0);
    const high = pollDelayMs(0, DEFAULT_SCHEDULE, () => 0.999);
    expect(low).toBe(4_000);
    expect(high).toBeGreaterThan(5_900);
  });

  it("backs off harder after a fault and honours Retry-After", () => {
    expect(faultDelayMs(0, undefined, DEFAULT_SCHEDULE, mid)).toBe(10_000);
    expect(faultDelayMs(0, 42, DEFAULT_SCHEDULE, mid)).toBe(42_000);
    expect(faultDelayMs(0, 1, DEFAULT_SCHEDULE, mid)).toBe(10_000);
  });
});
