import { and, desc, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/server/db/client";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { OPEN_STATUSES } from "./tasks";

const MAX = 20;

// Built and prepared once per connection: /library runs this on every render, and
// building the query costs more than running it (PERF-3).
const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return db
    .select()
    .from(tasks)
    .where(and(inArray(tasks.status, [...OPEN_STATUSES]), inArray(tasks.kind, ["music", "extend"]), sql`+${tasks.ownerId} = ${sql.placeholder("ownerId")}`))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(MAX)
    .prepare();
}

/**
 * The owner's songs still being made, newest first, for the top of /library. Open
 * tasks are few across the whole team, so the lookup goes through the status index
 * (tasks_due_idx); the unary `+` keeps SQLite off the owner index, which would walk
 * every task the owner ever made.
 */
export function listOpenSongTasksForOwner(ownerId: string, limit: number): TaskRow[] {
  const db = getDb();
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepare(db)));
  return statement.all({ ownerId }).slice(0, Math.min(limit, MAX));
}
