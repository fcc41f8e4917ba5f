import { and, between, gte, lte, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { providers, usageDays, usageFailureDays, usageFailureMonths, usageMonths, users } from "@/lib/server/db/schema";
import { splitUsagePeriod, type UsagePeriod, type UsageSpans } from "./usage-spans";

export type { UsagePeriod } from "./usage-spans";

// Aggregates for /admin/usage: tasks and clips per member, per provider and per
// month, and why tasks failed. Read from the counters that triggers keep (drizzle/
// 0008_usage_triggers.sql), never from tasks or clips, so the page costs the same at
// any library size. Clips count what was produced, trashed ones included.

export interface UsageCounts {
  tasks: number;
  failedTasks: number;
  clips: number;
}
export interface UsageReport {
  byMember: (UsageCounts & { userId: string; name: string })[];
  byProvider: (UsageCounts & { providerId: string; name: string })[];
  /** Calendar months in UTC, newest first. */
  byMonth: (UsageCounts & { month: string })[];
  failures: { code: string; count: number }[];
}

type Dimension = "member" | "provider" | "month";

function inRange(column: typeof usageMonths.month | typeof usageFailureMonths.month, range: { from?: string; to?: string }) {
  return and(range.from ? gte(column, range.from) : undefined, range.to ? lte(column, range.to) : undefined);
}

const totals = (t: typeof usageDays | typeof usageMonths) => ({
  tasks: sql<number>`sum(${t.tasks})`.mapWith(Number),
  failedTasks: sql<number>`sum(${t.failedTasks})`.mapWith(Number),
  clips: sql<number>`sum(${t.clips})`.mapWith(Number),
});

/**
 * Sums per member, provider or month, grouped in SQL (a few rows back instead of one
 * per month × member × provider); keys whose sums are all zero (everything since
 * purged) are left out.
 */
function sumBy(dimension: Dimension, spans: UsageSpans): [string, UsageCounts][] {
  const db = getDb();
  const monthKey = { member: usageMonths.ownerId, provider: usageMonths.providerId, month: usageMonths.month }[dimension];
  const dayKey = { member: usageDays.ownerId, provider: usageDays.providerId, month: sql<string>`substr(${usageDays.day}, 1, 7)` }[dimension];
  const months = spans.months
    ? db
        .select({ key: monthKey, ...totals(usageMonths) })
        .from(usageMonths)
        .where(inRange(usageMonths.month, spans.months))
        .groupBy(monthKey)
        .all()
    : [];
  const days = spans.days.length
    ? db
        .select({ key: dayKey, ...totals(usageDays) })
        .from(usageDays)
        .where(or(...spans.days.map((d) => between(usageDays.day, d.from, d.to))))
        .groupBy(dayKey)
        .all()
    : [];
  const out = new Map<string, UsageCounts>();
  for (const r of [...months, ...days]) {
    const c = out.get(r.key) ?? out.set(r.key, { tasks: 0, failedTasks: 0, clips: 0 }).get(r.key)!;
    c.tasks += r.tasks;
    c.failedTasks += r.failedTasks;
    c.clips += r.clips;
  }
  return [...out].filter(([, c]) => c.tasks || c.failedTasks || c.clips);
}

function readFailures(spans: UsageSpans): { code: string; count: number }[] {
  const db = getDb();
  const months = spans.months
    ? db.select({ code: usageFailureMonths.errorCode, count: usageFailureMonths.tasks }).from(usageFailureMonths).where(inRange(usageFailureMonths.month, spans.months)).all()
    : [];
  const days = spans.days.length
    ? db
        .select({ code: usageFailureDays.errorCode, count: usageFailureDays.tasks })
        .from(usageFailureDays)
        .where(or(...spans.days.map((d) => between(usageFailureDays.day, d.from, d.to))))
        .all()
    : [];
  const byCode = new Map<string, number>();
  for (const r of [...months, ...days]) byCode.set(r.code, (byCode.get(r.code) ?? 0) + r.count);
  return [...byCode]
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export function getUsageReport(p: UsagePeriod = {}): UsageReport {
  const db = getDb();
  const spans = splitUsagePeriod(p);
  const names = new Map(
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
      .map((r) => [r.id, r.name]),
  );

  const byTasks = <T extends UsageCounts & { name: string }>(a: T, b: T) => b.tasks - a.tasks || b.clips - a.clips || a.name.localeCompare(b.name);
  return {
    byMember: sumBy("member", spans)
      .map(([userId, c]) => ({ userId, name: names.get(userId) ?? userId, ...c }))
      .sort(byTasks),
    byProvider: sumBy("provider", spans)
      .map(([providerId, c]) => ({ providerId, name: providerNames.get(providerId) ?? providerId, ...c }))
      .sort(byTasks),
    byMonth: sumBy("month", spans)
      .map(([month, c]) => ({ month, ...c }))
      .sort((a, b) => b.month.localeCompare(a.month)),
    failures: readFailures(spans),
  };
}
