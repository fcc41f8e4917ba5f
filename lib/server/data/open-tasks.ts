import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/server/db/client";
import { tasks, type TaskRow } from "@/lib/server/db/schema";
import { OPEN_STATUSES } from "./tasks";

const MAX = 20;

// Built and prepared once per connection: /library runs this on every render, and
// building the query costs more than running it (PERF-3).
const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

// The status list is written into the SQL, not bound: SQLite uses a partial index
// only when the query repeats its WHERE term, here tasks_open_owner_idx's.
const OPEN = sql.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})`);

/** The query itself, exported so its plan can be checked. */
export function openSongTasksQuery(db: Db) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.ownerId, sql.placeholder("ownerId")), sql`${tasks.status} IN ${OPEN}`, inArray(tasks.kind, ["music", "extend"])))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(MAX);
}

const prepare = (db: Db) => ({
  // A full task row is two dozen columns, and better-sqlite3's cost per call grows
  // with them even when no row comes back; most views have nothing in flight, so a
  // one-column probe answers first.
  any: db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.ownerId, sql.placeholder("ownerId")), sql`${tasks.status} IN ${OPEN}`))
    .limit(1)
    .prepare(),
  list: openSongTasksQuery(db).prepare(),
});

/**
 * The owner's songs still being made, newest first, for the top of /library. The
 * partial index tasks_open_owner_idx holds only open tasks, so a member with none
 * costs one index probe and no task rows (the plan is checked in
 * library-query-plans.test.ts).
 */
export function listOpenSongTasksForOwner(ownerId: string, limit: number): TaskRow[] {
  const db = getDb();
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepare(db)));
  if (!statement.any.get({ ownerId })) return [];
  return statement.list.all({ ownerId }).slice(0, Math.min(limit, MAX));
}
