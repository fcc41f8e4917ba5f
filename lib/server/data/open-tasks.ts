import { and, desc, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { OPEN_STATUSES } from "./tasks";

/**
 * The owner's songs still being made, newest first, for the top of /library. Open
 * tasks are few across the whole team, so the lookup goes through the status index
 * (tasks_due_idx); the unary `+` keeps SQLite off the owner index, which would walk
 * every task the owner ever made on each library render (PERF-3).
 */
export function listOpenSongTasksForOwner(ownerId: string, limit: number): TaskRow[] {
  return getDb()
    .select()
    .from(tasks)
    .where(and(inArray(tasks.status, [...OPEN_STATUSES]), inArray(tasks.kind, ["music", "extend"]), sql`+${tasks.ownerId} = ${ownerId}`))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(limit)
    .all();
}
