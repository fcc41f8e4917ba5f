// A session lives at most 30 days from its sign-in, however often it is refreshed
// (SEC-18); within that, the cookie's own 7-day expiry slides with use (SEC-4). The
// sign-in time travels in the sealed cookie as `auth_time` (seconds, as in OIDC).
export const SESSION_ABSOLUTE_MAX_AGE = 30 * 24 * 60 * 60;

/** The moment (epoch ms) a session signed in at `authTime` ends for good. */
export function absoluteEnd(authTime: number): number {
  return (authTime + SESSION_ABSOLUTE_MAX_AGE) * 1000;
}

export function isWithinAbsoluteLifetime(authTime: unknown, now = Date.now()): authTime is number {
  return typeof authTime === "number" && now < absoluteEnd(authTime);
}
