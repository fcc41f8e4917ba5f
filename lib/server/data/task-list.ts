import { getTableColumns } from "drizzle-orm";
import { OPEN_TASK_STATUSES, type TaskKind, type TaskStatus } from "@/lib/domain";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { clipVisibleSql } from "./clip-access";
import { decodeClipCursor, encodeClipCursor } from "./clip-cursor";
import { prepared } from "./clip-rows";

// Task history pages (/tasks, GET /api/v1/tasks): newest first, keyset pages over
// (created_at, id) with the library's opaque cursor. Each list walks one index in
// order (see indexFor); kind and provider are residual checks, so a page never sorts
// and stops after `limit` rows. One status has indexes of its own, so a list of the
// few failed tasks does not read every succeeded one on the way. INDEXED BY pins the
// plans: tasks_due_idx (status, next_poll_at) or tasks_provider_vendor_idx would
// otherwise tempt the planner into reading every matching task and sorting them.

/** A status, or `open`: still being made (submitting, queued or running). */
export type TaskStatusFilter = TaskStatus | "open";

export interface ListTasksInput {
  /** Whose tasks: one owner's, or everyone's. */
  ownerId: string | null;
  status?: TaskStatusFilter;
  kind?: TaskKind;
  provider?: string;
  cursor?: string;
  limit: number;
}

export interface TaskPage {
  items: TaskRow[];
  nextCursor: string | null;
}

const columns = Object.entries(getTableColumns(tasks));
const OPEN_LIST = OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(", ");

function fromRaw(raw: Record<string, unknown>): TaskRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as TaskRow;
}

/** One page's statement, newest first; it asks for limit + 1 rows to learn whether more follow. Exported so its plan can be checked. */
export function taskListQuery(input: ListTasksInput): { text: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: input.limit + 1 };
  if (input.ownerId !== null) {
    where.push("t.owner_id = @owner");
    params.owner = input.ownerId;
  }
  if (input.status === "open") where.push(`t.status IN (${OPEN_LIST})`);
  else if (input.status) {
    where.push("t.status = @status");
    params.status = input.status;
  }
  if (input.kind) {
    where.push("t.kind = @kind");
    params.kind = input.kind;
  }
  if (input.provider) {
    where.push("t.provider_id = @provider");
    params.provider = input.provider;
  }
  if (input.cursor) {
    const cursor = decodeClipCursor(input.cursor);
    where.push("(t.created_at, t.id) < (@beforeAt, @beforeId)");
    Object.assign(params, { beforeAt: cursor.createdAt, beforeId: cursor.id });
  }
  const filter = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
  return { text: `SELECT t.* FROM tasks t INDEXED BY ${indexFor(input)} ${filter} ORDER BY t.created_at DESC, t.id DESC LIMIT @limit`, params };
}

export function listTaskRows(input: ListTasksInput): TaskPage {
  const query = taskListQuery(input);
  const rows = (prepared(query.text).all(query.params) as Record<string, unknown>[]).map(fromRaw);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeClipCursor(last) : null };
}

/**
 * The owner's open tasks have a partial index (the IN list above is its own SQL); open
 * tasks of everyone are a few in-flight rows, looked up per status and sorted.
 */
function indexFor(input: ListTasksInput): string {
  if (input.ownerId === null) return input.status ? "tasks_status_created_idx" : "tasks_created_idx";
  if (input.status === "open") return "tasks_open_owner_idx";
  return input.status ? "tasks_owner_status_created_idx" : "tasks_owner_created_idx";
}

const VISIBLE_CLIP_OF_TASK = `SELECT 1 FROM clips c INDEXED BY clips_task_idx WHERE c.task_id = @task AND ${clipVisibleSql()} LIMIT 1`;

/** Whether the viewer may read at least one of the task's clips (the clip access rule). */
export function taskHasClipVisibleTo(taskId: string, viewerId: string): boolean {
  return prepared(VISIBLE_CLIP_OF_TASK).get({ task: taskId, viewer: viewerId }) !== undefined;
}
