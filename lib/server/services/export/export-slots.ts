import { AppError } from "@/lib/errors";

// At most two exports per user at a time. An export is one long request rather than
// many short ones, so a per-window request counter (rate-limit.ts) would not bound it;
// what costs the server is exports running at once, so this counts those. Per process:
// Songloft runs as one server process over one SQLite file, so the count is exact.

export const MAX_EXPORTS_PER_USER = 2;

const holder = globalThis as typeof globalThis & { __songloftExports?: Map<string, number> };

function running(): Map<string, number> {
  return (holder.__songloftExports ??= new Map());
}

/** Takes a slot for this user or refuses with 429; the returned function gives it back (once). */
export function claimExportSlot(userId: string): () => void {
  const count = running().get(userId) ?? 0;
  if (count >= MAX_EXPORTS_PER_USER) {
    throw new AppError("rate_limited", `You already have ${MAX_EXPORTS_PER_USER} exports running; wait for one to finish or cancel it, then try again.`, {
      retryAfter: 30,
      key: "common.errors.exportsRunning",
      params: { max: MAX_EXPORTS_PER_USER },
    });
  }
  running().set(userId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (running().get(userId) ?? 1) - 1;
    if (left > 0) running().set(userId, left);
    else running().delete(userId);
  };
}
