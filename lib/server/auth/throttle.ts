import { clearFailedAttempts, deleteAttempts, pruneFailedAttempts, reserveAttempts, type AttemptLimit } from "@/lib/server/data/login-attempts";
import { takeHashSlot } from "./hash-slots";

// Password checks are counted per account and per client address over a sliding window
// (SEC-6, SEC-14). An attempt is reserved before any hashing and counts as a failure
// unless it succeeds, so parallel guesses cannot all slip past the count. Past a limit,
// attempts are refused before any hashing until old ones age out of the window: slow
// for an attacker, never a permanent lockout. A browser that signed in to the account
// before is counted on its own (its device key), so strangers' failures, on the
// account or from a shared address, never lock it out.
export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_ADDRESS = 30;

export const accountLimit = (email: string): AttemptLimit => ({ key: `email:${email}`, limit: MAX_PER_ACCOUNT });
export const addressLimit = (ip: string): AttemptLimit => ({ key: `ip:${ip}`, limit: MAX_PER_ADDRESS });
export const deviceLimit = (deviceId: string): AttemptLimit => ({ key: `device:${deviceId}`, limit: MAX_PER_ACCOUNT });
export const passwordChangeLimit = (userId: string): AttemptLimit => ({ key: `password-change:${userId}`, limit: MAX_PER_ACCOUNT });

export type PasswordCheck =
  | { refused: "throttled" | "busy" }
  /** Call once the hashing is over; a success forgets this attempt and the first limit's earlier failures. */
  | { refused?: undefined; finish(succeeded: boolean): void };

/** Takes a hashing slot and reserves an attempt under every limit, or says why not. */
export function startPasswordCheck(limits: AttemptLimit[], options: { knownDevice?: boolean; now?: number } = {}): PasswordCheck {
  const release = takeHashSlot(options.knownDevice ?? false);
  if (!release) return { refused: "busy" };
  const now = options.now ?? Date.now();
  const ids = reserveAttempts(limits, new Date(now - WINDOW_MS), new Date(now));
  if (Math.random() < 0.05) pruneFailedAttempts(new Date(now - WINDOW_MS));
  if (!ids) {
    release();
    return { refused: "throttled" };
  }
  return {
    finish(succeeded) {
      release();
      if (!succeeded) return;
      deleteAttempts(ids);
      clearFailedAttempts(limits[0].key);
    },
  };
}
