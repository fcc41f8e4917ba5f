import { perConnection } from "@/lib/server/db/client";

// A member's month at a glance for their Library header: songs made, minutes of
// music, favourite styles and songs per day. "Made" means finished (succeeded) and
// still in the library (trash left out), so the numbers match what the list shows.
// One range read of clips_owner_live_idx bounded to the member and the month; its
// columns (owner, created_at, …, state, deleted_at) settle which rows count, so
// only a finished song's own row is read, for its duration and style. A busy member
// makes a few thousand songs a month; the read stays that small at any library size.

export interface MonthSummary {
  /** 'YYYY-MM', UTC. */
  month: string;
  songs: number;
  /** Sum of durations, in seconds. */
  seconds: number;
  /** Most used style tags first, at most TOP_TAGS. */
  topTags: { tag: string; count: number }[];
  /** Songs per UTC day, from the 1st to the month's last day. */
  perDay: number[];
}

export const TOP_TAGS = 5;

const monthStatement = perConnection((db) =>
  db.$client.prepare(
    `SELECT created_at AS createdAt, duration, style FROM clips INDEXED BY clips_owner_live_idx
      WHERE owner_id = @ownerId AND created_at >= @from AND created_at < @to AND deleted_at IS NULL AND state = 'succeeded'`,
  ),
);

/** Style text is a comma list ("synthwave, dreamy, 女声"); Chinese commas and semicolons separate too. */
export function styleTags(style: string | null): string[] {
  if (!style) return [];
  return style
    .split(/[,，;；、\n]/)
    .map((t) => t.trim().replace(/\s+/g, " "))
    .filter((t) => t.length > 0 && t.length <= 40);
}

export function getMonthSummary(ownerId: string, now = new Date()): MonthSummary {
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const rows = monthStatement().all({ ownerId, from, to }) as { createdAt: number; duration: number | null; style: string | null }[];
  const perDay = new Array<number>(Math.round((to - from) / 86_400_000)).fill(0);
  // Tags count case-insensitively and show as first written.
  const tags = new Map<string, { tag: string; count: number }>();
  let seconds = 0;
  for (const r of rows) {
    perDay[Math.floor((r.createdAt - from) / 86_400_000)] += 1;
    seconds += r.duration ?? 0;
    const seen = new Set<string>();
    for (const tag of styleTags(r.style)) {
      const key = tag.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = tags.get(key) ?? tags.set(key, { tag, count: 0 }).get(key)!;
      entry.count += 1;
    }
  }
  const topTags = [...tags.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)).slice(0, TOP_TAGS);
  return { month: new Date(from).toISOString().slice(0, 7), songs: rows.length, seconds, topTags, perDay };
}
