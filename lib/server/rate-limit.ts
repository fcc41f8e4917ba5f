// A fixed-window request counter per key (a client address), in this process's memory:
// enough to keep one visitor from hammering the public share pages and media (SEC-17).
// Bounded: the oldest windows are dropped once the map holds MAX_KEYS.

const MAX_KEYS = 10_000;

interface Window {
  start: number;
  count: number;
}

export interface RateLimit {
  /** Whether this request may go ahead; when not, how many seconds until the window ends. */
  take(key: string, now?: number): { ok: true } | { ok: false; retryAfter: number };
}

export function rateLimit(name: string, limit: number, windowMs: number): RateLimit {
  const holder = globalThis as unknown as { __songloftRateLimits?: Map<string, Map<string, Window>> };
  holder.__songloftRateLimits ??= new Map();
  let windows = holder.__songloftRateLimits.get(name);
  if (!windows) holder.__songloftRateLimits.set(name, (windows = new Map()));
  const map = windows;
  return {
    take(key, now = Date.now()) {
      let window = map.get(key);
      if (!window || now - window.start >= windowMs) {
        map.delete(key);
        window = { start: now, count: 0 };
        map.set(key, window);
        if (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
      }
      window.count += 1;
      if (window.count <= limit) return { ok: true };
      return { ok: false, retryAfter: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) };
    },
  };
}
