import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { perConnection, type Db } from "@/lib/server/db/client";
import { OPEN_STATUS_LIST, tasks, type TaskRow } from "@/lib/server/db/schema";

const MAX = 20;

// The owner's open tasks. The status list is the partial index's own SQL, so SQLite
// can use tasks_open_owner_idx.
const openForOwner = and(eq(tasks.ownerId, sql.placeholder("ownerId")), sql`${tasks.status} IN ${OPEN_STATUS_LIST}`);

/** The query itself, exported so its plan can be checked. */
export function openSongTasksQuery(db: Db) {
  return db
    .select()
    .from(tasks)
    .where(and(openForOwner, inArray(tasks.kind, ["music", "extend"])))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(MAX);
}

// Prepared once per connection: /library asks on every view.
const statements = perConnection((db) => ({
  // A full task row is two dozen columns, and better-sqlite3's cost per call grows
  // with them even when no row comes back; most views have nothing in flight, so a
  // one-column probe answers first.
  any: db.select({ id: tasks.id }).from(tasks).where(openForOwner).limit(1).prepare(),
  list: openSongTasksQuery(db).prepare(),
}));

/**
 * The owner's songs still being made, newest first, for the top of /library. The
 * partial index tasks_open_owner_idx holds only open tasks, so a member with none
 * costs one index probe and no task rows (the plan is checked in
 * library-query-plans.test.ts).
 */
export function listOpenSongTasksForOwner(ownerId: string, limit: number): TaskRow[] {
  const { any, list } = statements();
  if (!any.get({ ownerId })) return [];
  return list.all({ ownerId }).slice(0, Math.min(limit, MAX));
}
