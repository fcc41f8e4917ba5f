import { and, count, inArray, lte, min, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { OPEN_STATUS_LIST, tasks } from "@/lib/server/db/schema";

// The few numbers /metrics reads from the database at each scrape. Each is answered from
// an index over the open tasks alone, so a scrape costs the same at a million finished
// tasks as at ten (the statement guard checks the plans).

/** Unfinished tasks per provider, through the status index (open tasks are few). */
export function countOpenTasksByProvider(): { providerId: string; n: number }[] {
  return getDb()
    .select({ providerId: tasks.providerId, n: count() })
    .from(tasks)
    .where(sql`${tasks.status} IN ${OPEN_STATUS_LIST}`)
    .groupBy(tasks.providerId)
    .all();
}

/** Tasks the poller should have asked about by `now`, and the oldest one's due time; read from tasks_due_idx alone. */
export function dueTaskSummary(now: Date): { due: number; oldestDueAt: Date | null } {
  const row = getDb()
    .select({ due: count(), oldest: min(tasks.nextPollAt) })
    .from(tasks)
    .where(and(inArray(tasks.status, ["queued", "running"]), lte(tasks.nextPollAt, now)))
    .get();
  return { due: row?.due ?? 0, oldestDueAt: row?.oldest ?? null };
}
