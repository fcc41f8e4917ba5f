// When to ask the vendor again (REFERENCE A1.8, A3.8): every 5 s at first, easing off
// to 15 s as a task runs long, with jitter so a burst of submissions does not poll in
// lockstep. Faults back off harder and honour Retry-After.

export interface ScheduleOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = { baseMs: 5_000, maxMs: 15_000 };

/** Growth per poll: 5 s reaches 15 s after about eight polls (roughly a minute). */
const GROWTH = 1.15;

const jitter = (ms: number, random: () => number) => ms * (0.8 + random() * 0.4);

export function pollDelayMs(pollCount: number, schedule: ScheduleOptions, random: () => number = Math.random): number {
  const grown = schedule.baseMs * GROWTH ** Math.max(0, pollCount);
  return Math.round(Math.min(schedule.maxMs, jitter(Math.min(schedule.maxMs, grown), random)));
}

/** After a failed poll (timeout, 5xx, malformed answer, rate limit). */
export function faultDelayMs(pollCount: number, retryAfterSeconds: number | undefined, schedule: ScheduleOptions, random: () => number = Math.random): number {
  const backoff = Math.min(schedule.maxMs, jitter(Math.min(schedule.maxMs, 2 * schedule.baseMs * GROWTH ** Math.max(0, pollCount)), random));
  const asked = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.round(Math.max(backoff, asked));
}
