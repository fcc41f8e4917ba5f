import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lte, ne, notInArray, sql } from "drizzle-orm";
import { TERMINAL_TASK_STATUSES } from "@/lib/domain";
import { clipVisibleSql } from "@/lib/server/data/clip-access";
import { fromRawRow, LIBRARY_SELECT, prepared, type LibraryClipRow } from "@/lib/server/data/clip-rows";
import { getDb, perConnection, type Db } from "@/lib/server/db/client";
import { inTransaction } from "./transaction";
import { taskEvents, tasks, type NewTaskRow, type TaskEvent, type TaskRow } from "@/lib/server/db/schema";

// Task rows and their status timeline. Everything here is synchronous; callers that
// change several rows together wrap the calls in `inTransaction`.

export function isTerminal(status: TaskRow["status"]): boolean {
  return (TERMINAL_TASK_STATUSES as readonly string[]).includes(status);
}

/**
 * Inserts the task unless the owner already used this idempotency key; either way
 * returns the row that holds the key. The unique index settles concurrent inserts.
 * `beforeInsert` runs inside the same write transaction, only when a new row is about
 * to be written (a repeat of a used key skips it): a check there that throws (the
 * quota) sees every row committed before it and none can slip in between.
 */
export function insertTaskOrGetExisting(values: NewTaskRow & { id: string }, beforeInsert?: () => void): { task: TaskRow; created: boolean } {
  return inTransaction(() => {
    if (beforeInsert) {
      const existing = values.idempotencyKey ? getTaskByIdempotencyKey(values.ownerId, values.idempotencyKey) : undefined;
      if (existing) return { task: existing, created: false };
      beforeInsert();
    }
    const inserted = getDb().insert(tasks).values(values).onConflictDoNothing().returning().get();
    if (inserted) {
      insertTaskEvent({ taskId: inserted.id, at: inserted.createdAt, status: inserted.status, progress: null, message: null });
      return { task: inserted, created: true };
    }
    const existing = values.idempotencyKey ? getTaskByIdempotencyKey(values.ownerId, values.idempotencyKey) : undefined;
    if (!existing) throw new Error("task insert was ignored but no task holds its key");
    return { task: existing, created: false };
  });
}

export function getTaskByIdempotencyKey(ownerId: string, key: string): TaskRow | undefined {
  return getDb()
    .select()
    .from(tasks)
    .where(and(eq(tasks.ownerId, ownerId), eq(tasks.idempotencyKey, key)))
    .get();
}

export function getTaskRow(id: string): TaskRow | undefined {
  return getDb().select().from(tasks).where(eq(tasks.id, id)).get();
}

/** SEC-2: a task is its owner's alone; anyone else gets nothing. */
export function getTaskRowForOwner(id: string, ownerId: string): TaskRow | undefined {
  return getDb()
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.ownerId, ownerId)))
    .get();
}

/** The task a callback secret belongs to, found by the secret's digest through its index. */
export function getTaskByCallbackSecret(providerId: string, secretHash: string): { id: string } | undefined {
  return getDb()
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.callbackSecretHash, secretHash), eq(tasks.providerId, providerId)))
    .get();
}

/** A task as the poller works with it: everything but the bulky JSON it never reads. */
export type SyncTaskRow = Omit<TaskRow, "rawPayload" | "errorDetails">;
const { rawPayload: _raw, errorDetails: _details, ...syncColumns } = getTableColumns(tasks);

// The poller runs these two for every task in every round; preparing them once per
// connection keeps a 1,000-task round cheap.
function prepareHot(db: Db) {
  return {
    syncRow: db
      .select(syncColumns)
      .from(tasks)
      .where(eq(tasks.id, sql.placeholder("id")))
      .prepare(),
    schedule: db
      .update(tasks)
      .set({ nextPollAt: sql`${sql.placeholder("nextPollAt")}`, pollCount: sql`${sql.placeholder("pollCount")}` })
      .where(and(eq(tasks.id, sql.placeholder("id")), notInArray(tasks.status, [...TERMINAL_TASK_STATUSES])))
      .prepare(),
  };
}

const hotStatements = perConnection(prepareHot);

export function getTaskForSync(id: string): SyncTaskRow | undefined {
  return hotStatements().syncRow.get({ id });
}

/** The next poll of an unfinished task; a finished one is left alone. */
export function scheduleOpenTask(id: string, nextPollAt: Date, pollCount: number) {
  hotStatements().schedule.run({ id, nextPollAt: nextPollAt.getTime(), pollCount });
}

/** Tasks the vendor knows about whose next poll is due, oldest due first; `skipProviders` are busy elsewhere. */
export function listDueTasks(now: Date, limit: number, skipProviders: string[] = []): SyncTaskRow[] {
  const conditions = [inArray(tasks.status, ["queued", "running"]), lte(tasks.nextPollAt, now), isNotNull(tasks.vendorTaskId)];
  if (skipProviders.length > 0) conditions.push(notInArray(tasks.providerId, skipProviders));
  return getDb()
    .select(syncColumns)
    .from(tasks)
    .where(and(...conditions))
    .orderBy(asc(tasks.nextPollAt))
    .limit(limit)
    .all();
}

/** Submissions that never got a vendor id before their deadline (a crash mid-submit). */
export function listStuckSubmissions(now: Date, limit: number): TaskRow[] {
  return getDb()
    .select()
    .from(tasks)
    .where(and(eq(tasks.status, "submitting"), isNull(tasks.vendorTaskId), lte(tasks.nextPollAt, now)))
    .limit(limit)
    .all();
}

/** Guarded update: only touches the row while it is still unfinished, so terminal states stay final (REL-4). */
export function updateOpenTask(id: string, values: Partial<NewTaskRow>): boolean {
  const result = getDb()
    .update(tasks)
    .set(values)
    .where(and(eq(tasks.id, id), notInArray(tasks.status, [...TERMINAL_TASK_STATUSES])))
    .run();
  return result.changes > 0;
}

export function insertTaskEvent(values: Omit<TaskEvent, "id">) {
  getDb().insert(taskEvents).values(values).run();
}

export function listTaskEvents(taskId: string): TaskEvent[] {
  return getDb().select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.id)).all();
}

/** The owner's newest tasks; `songsOnly` leaves out lyrics tasks (the create page lists songs). */
export function listRecentTasksForOwner(ownerId: string, limit: number, options: { songsOnly?: boolean } = {}): TaskRow[] {
  const conditions = [eq(tasks.ownerId, ownerId)];
  if (options.songsOnly) conditions.push(ne(tasks.kind, "lyrics"));
  return getDb()
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(limit)
    .all();
}

// One statement for the clips of any number of tasks (a page of tasks costs the same
// few statements as one task), through the task index, in take order. The clip access
// rule applies: an admin reading a member's task sees only the clips the team may see.
const TASKS_CLIPS = `SELECT ${LIBRARY_SELECT} FROM json_each(@tasks) t CROSS JOIN clips c INDEXED BY clips_task_idx ON c.task_id = t.value
  WHERE ${clipVisibleSql()} ORDER BY c.task_id, c.position, c.created_at`;

/** The tasks' clips (not deleted, visible to the viewer) with the viewer's star and the archive flag, by task id, in take order. */
export function listClipRowsOfTasks(taskIds: string[], viewerId: string): Map<string, LibraryClipRow[]> {
  const byTask = new Map<string, LibraryClipRow[]>();
  if (taskIds.length === 0) return byTask;
  const rows = (prepared(TASKS_CLIPS).all({ tasks: JSON.stringify(taskIds), viewer: viewerId }) as Record<string, unknown>[]).map(fromRawRow);
  for (const row of rows) byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), row]);
  return byTask;
}
