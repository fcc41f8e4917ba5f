import {
  clearFailedAttempts,
  countFailedAttemptsSince,
  pruneFailedAttempts,
  recordFailedAttempt,
} from "@/lib/server/data/login-attempts";

// Failed sign-ins are counted per account and per client address over a sliding
// window (SEC-6). Past the limit, attempts are refused before any hashing, until old
// failures age out of the window: slow for an attacker, never a permanent lockout.
export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_ADDRESS = 30;

const accountKey = (email: string) => `email:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;

export function isLoginThrottled(email: string, ip: string, now = Date.now()): boolean {
  const since = new Date(now - WINDOW_MS);
  return (
    countFailedAttemptsSince(accountKey(email), since) >= MAX_PER_ACCOUNT ||
    countFailedAttemptsSince(addressKey(ip), since) >= MAX_PER_ADDRESS
  );
}

export function noteFailedLogin(email: string, ip: string, now = Date.now()) {
  recordFailedAttempt([accountKey(email), addressKey(ip)], new Date(now));
  if (Math.random() < 0.05) pruneFailedAttempts(new Date(now - WINDOW_MS));
}

export function noteSuccessfulLogin(email: string) {
  clearFailedAttempts(accountKey(email));
}

/** The client address as the server sees it (the first X-Forwarded-For hop when proxied). */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
