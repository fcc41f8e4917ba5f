import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { TERMINAL_TASK_STATUSES } from "@/lib/domain";
import { getDb } from "@/lib/server/db/client";
import { taskEvents, tasks } from "@/lib/server/db/schema";

// What the per-user notification stream reads: the status timeline's terminal events
// of one owner's tasks, after a cursor (the event id, which the stream sends as the
// SSE id so a reconnecting browser resumes where it left off).

/** The newest task event id: a stream that starts now reports only what happens after it. */
export function latestTaskEventId(): number {
  return (
    getDb()
      .select({ id: sql<number>`coalesce(max(${taskEvents.id}), 0)` })
      .from(taskEvents)
      .get()?.id ?? 0
  );
}

export interface FinishedTaskEvent {
  eventId: number;
  taskId: string;
}

/**
 * The owner's tasks that finished (succeeded or failed) after the event `afterId`, in
 * order. Walks the event rowids from the cursor, so a stream that keeps up reads only
 * the few events since its last look.
 */
export function listFinishedTaskEventsForOwner(ownerId: string, afterId: number, limit: number): FinishedTaskEvent[] {
  return getDb()
    .select({ eventId: taskEvents.id, taskId: taskEvents.taskId })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .where(and(gt(taskEvents.id, afterId), inArray(taskEvents.status, [...TERMINAL_TASK_STATUSES]), eq(tasks.ownerId, ownerId)))
    .orderBy(asc(taskEvents.id))
    .limit(limit)
    .all();
}
