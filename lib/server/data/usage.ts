import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, providers, tasks, users } from "@/lib/server/db/schema";

// Aggregates for /admin/usage: tasks and clips per member, per provider and per
// month, and why tasks failed. Grouped scans over the chosen period; an admin page,
// not a hot path. Clips count what was produced, trashed ones included.

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

export interface UsagePeriod {
  from?: Date;
  to?: Date;
}

function period(column: typeof tasks.createdAt | typeof clips.createdAt, p: UsagePeriod): SQL | undefined {
  return and(p.from ? gte(column, p.from) : undefined, p.to ? lt(column, p.to) : undefined);
}

const failed = sql<number>`sum(case when ${tasks.status} = 'failed' then 1 else 0 end)`;
const monthOf = (column: typeof tasks.createdAt | typeof clips.createdAt) => sql<string>`strftime('%Y-%m', ${column} / 1000, 'unixepoch')`;

function merge<K extends string>(
  taskRows: { key: K; tasks: number; failedTasks: number | null }[],
  clipRows: { key: K; clips: number }[],
): Map<K, UsageCounts> {
  const out = new Map<K, UsageCounts>();
  const entry = (key: K) => out.get(key) ?? out.set(key, { tasks: 0, failedTasks: 0, clips: 0 }).get(key)!;
  for (const r of taskRows) Object.assign(entry(r.key), { tasks: r.tasks, failedTasks: Number(r.failedTasks ?? 0) });
  for (const r of clipRows) entry(r.key).clips = r.clips;
  return out;
}

export function getUsageReport(p: UsagePeriod = {}): UsageReport {
  const db = getDb();
  const taskWhere = period(tasks.createdAt, p);
  const clipWhere = period(clips.createdAt, p);

  const names = new Map(db.select({ id: users.id, name: users.name }).from(users).all().map((u) => [u.id, u.name]));
  const perMember = merge(
    db.select({ key: tasks.ownerId, tasks: count(), failedTasks: failed }).from(tasks).where(taskWhere).groupBy(tasks.ownerId).all(),
    db.select({ key: clips.ownerId, clips: count() }).from(clips).where(clipWhere).groupBy(clips.ownerId).all(),
  );
  const providerNames = new Map(db.select({ id: providers.id, name: providers.name }).from(providers).all().map((r) => [r.id, r.name]));
  const perProvider = merge(
    db.select({ key: tasks.providerId, tasks: count(), failedTasks: failed }).from(tasks).where(taskWhere).groupBy(tasks.providerId).all(),
    db.select({ key: clips.providerId, clips: count() }).from(clips).where(clipWhere).groupBy(clips.providerId).all(),
  );
  const taskMonth = monthOf(tasks.createdAt);
  const clipMonth = monthOf(clips.createdAt);
  const perMonth = merge(
    db.select({ key: taskMonth, tasks: count(), failedTasks: failed }).from(tasks).where(taskWhere).groupBy(taskMonth).all(),
    db.select({ key: clipMonth, clips: count() }).from(clips).where(clipWhere).groupBy(clipMonth).all(),
  );
  const reason = sql<string>`coalesce(${tasks.errorCode}, 'unknown')`;
  const failures = db
    .select({ code: reason, count: count() })
    .from(tasks)
    .where(and(eq(tasks.status, "failed"), taskWhere))
    .groupBy(reason)
    .orderBy(desc(count()))
    .all();

  const byTasks = <T extends UsageCounts & { name: string }>(a: T, b: T) => b.tasks - a.tasks || b.clips - a.clips || a.name.localeCompare(b.name);
  return {
    byMember: [...perMember].map(([userId, c]) => ({ userId, name: names.get(userId) ?? userId, ...c })).sort(byTasks),
    byProvider: [...perProvider].map(([providerId, c]) => ({ providerId, name: providerNames.get(providerId) ?? providerId, ...c })).sort(byTasks),
    byMonth: [...perMonth].map(([month, c]) => ({ month, ...c })).sort((a, b) => b.month.localeCompare(a.month)),
    failures,
  };
}
