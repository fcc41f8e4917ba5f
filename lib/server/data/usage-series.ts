import { min } from "drizzle-orm";
import { getDb, perConnection } from "@/lib/server/db/client";
import { providers, usageDays, users } from "@/lib/server/db/schema";
import { splitUsagePeriod } from "./usage-spans";

// Songs (clips) per day or per month for the /admin/usage chart, stacked by member
// and by provider. Read from the usage counters (one row per day × member ×
// provider), never from clips: a 90-day chart of a 20-member, 4-provider team reads
// at most 7,200 counter rows whatever the library's size. Longer periods are
// charted by month, whole months from usage_months and the ragged edges from days.

/** Charts longer than this are drawn by month: 90 bars of days stay legible, 700 do not. */
export const MAX_DAY_BUCKETS = 92;
/** Stacks beyond this many members or providers fold into one "other" layer. */
export const MAX_STACKS = 8;
export const OTHER_STACK = "__other__";

export interface SongStack {
  id: string;
  name: string;
  /** One count per bucket, aligned with UsageSeries.buckets. */
  values: number[];
}
export interface UsageSeries {
  unit: "day" | "month";
  /** 'YYYY-MM-DD' days or 'YYYY-MM' months, oldest first, none missing (zero-filled). */
  buckets: string[];
  /** Largest total first; at most MAX_STACKS plus OTHER_STACK. */
  byMember: SongStack[];
  byProvider: SongStack[];
}

/** [bucket, member or provider id, songs] */
type CounterRow = [key: string, id: string, clips: number];
type Dimension = "owner_id" | "provider_id";

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function bucketKeys(unit: "day" | "month", first: string, last: string): string[] {
  const keys: string[] = [];
  if (unit === "day") for (let t = Date.parse(`${first}T00:00:00Z`); dayOf(new Date(t)) <= last; t += DAY_MS) keys.push(dayOf(new Date(t)));
  else
    for (let d = new Date(`${first.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 7) <= last.slice(0, 7); d.setUTCMonth(d.getUTCMonth() + 1))
      keys.push(d.toISOString().slice(0, 7));
  return keys;
}

/** The first day anyone made anything: where an open-ended ("all time") chart starts. */
export function firstUsageDay(): string | null {
  return (
    getDb()
      .select({ day: min(usageDays.day) })
      .from(usageDays)
      .get()?.day ?? null
  );
}

// Summed per bucket and member (or provider) in SQL, and read as plain arrays: a
// 90-day range is ~7,000 counter rows, and turning each into an object cost four
// times what SQLite spent reading them. The column names are constants of the code.
const statements = (dimension: Dimension) =>
  perConnection((db) => ({
    days: db.$client.prepare(`SELECT day, ${dimension}, sum(clips) FROM usage_days WHERE day BETWEEN ? AND ? GROUP BY day, ${dimension}`).raw(),
    months: db.$client.prepare(`SELECT month, ${dimension}, sum(clips) FROM usage_months WHERE month BETWEEN ? AND ? GROUP BY month, ${dimension}`).raw(),
    edgeDays: db.$client.prepare(`SELECT substr(day, 1, 7), ${dimension}, sum(clips) FROM usage_days WHERE day BETWEEN ? AND ? GROUP BY 1, ${dimension}`).raw(),
  }));
const byDimension = { owner_id: statements("owner_id"), provider_id: statements("provider_id") };

function readCounters(dimension: Dimension, unit: "day" | "month", first: string, last: string): CounterRow[] {
  const sql = byDimension[dimension]();
  if (unit === "day") return sql.days.all(first, last) as CounterRow[];
  const spans = splitUsagePeriod({ from: new Date(`${first}T00:00:00Z`), to: new Date(Date.parse(`${last}T00:00:00Z`) + DAY_MS) });
  const months = spans.months ? (sql.months.all(spans.months.from, spans.months.to) as CounterRow[]) : [];
  return [...months, ...spans.days.flatMap((d) => sql.edgeDays.all(d.from, d.to) as CounterRow[])];
}

function stacks(rows: CounterRow[], names: Map<string, string>, index: Map<string, number>): SongStack[] {
  const byId = new Map<string, number[]>();
  for (const [key, id, clips] of rows) {
    const at = index.get(key);
    if (at === undefined || !clips) continue;
    const values = byId.get(id) ?? byId.set(id, new Array<number>(index.size).fill(0)).get(id)!;
    values[at] += clips;
  }
  const total = (v: number[]) => v.reduce((s, n) => s + n, 0);
  const all = [...byId]
    .map(([id, values]) => ({ id, name: names.get(id) ?? id, values }))
    .filter((s) => total(s.values) > 0)
    .sort((a, b) => total(b.values) - total(a.values) || a.name.localeCompare(b.name));
  if (all.length <= MAX_STACKS + 1) return all;
  const rest = all.slice(MAX_STACKS);
  const other = rest[0].values.map((_, i) => rest.reduce((s, r) => s + r.values[i], 0));
  return [...all.slice(0, MAX_STACKS), { id: OTHER_STACK, name: OTHER_STACK, values: other }];
}

/** Songs per bucket over [from, to) (whole UTC days; `to` exclusive), in days or, past MAX_DAY_BUCKETS days, months. */
export function getSongSeries(period: { from: Date; to: Date }): UsageSeries {
  const first = dayOf(period.from);
  const last = dayOf(new Date(period.to.getTime() - 1));
  if (first > last) return { unit: "day", buckets: [], byMember: [], byProvider: [] };
  const days = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
  const unit = days > MAX_DAY_BUCKETS ? "month" : "day";
  const buckets = bucketKeys(unit, first, last);
  const index = new Map(buckets.map((k, i) => [k, i]));
  const db = getDb();
  const memberNames = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .all()
      .map((u) => [u.id, u.name]),
  );
  const providerNames = new Map(
    db
      .select({ id: providers.id, name: providers.name })
      .from(providers)
      .all()
      .map((p) => [p.id, p.name]),
  );
  return {
    unit,
    buckets,
    byMember: stacks(readCounters("owner_id", unit, first, last), memberNames, index),
    byProvider: stacks(readCounters("provider_id", unit, first, last), providerNames, index),
  };
}
