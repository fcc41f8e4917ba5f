import { and, eq, type SQL } from "drizzle-orm";
import type { Viewer } from "@/lib/domain";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/lib/server/db/client";
import { clips, type ClipRow } from "@/lib/server/db/schema";
import { boundSql } from "./bound-sql";

// The one access rule for clips (SEC-2): a clip is readable by its owner, and by any
// signed-in member when it is team-visible and not deleted. Deleted clips are seen
// only by their owner, in the trash. Everything else is "not found".
//
// The rule is written once, as SQL over `clips c` with the viewer bound as @viewer,
// and serves the hand-written queries as text and Drizzle queries through boundSql.
// Every column is qualified by hand: Drizzle writes a single-table select's columns
// unqualified, which inside a subquery silently binds them to the subquery's table.

/** Reading clips needs only who is asking. */
export type ClipViewer = Pick<Viewer, "id">;

export interface AccessOptions {
  /** The owner also sees their trashed clips. */
  includeDeleted?: boolean;
}

// Team first: the team walk's index has no owner column, and SQLite stops at the first true arm.
const VISIBLE = "(c.deleted_at IS NULL AND (c.visibility = 'team' OR c.owner_id = @viewer))";
const VISIBLE_WITH_OWN_TRASH = "(c.owner_id = @viewer OR (c.visibility = 'team' AND c.deleted_at IS NULL))";

/** The rule as SQL text over `clips c`, for hand-written statements that bind @viewer. */
export function clipVisibleSql(options: AccessOptions = {}): string {
  return options.includeDeleted ? VISIBLE_WITH_OWN_TRASH : VISIBLE;
}

/** `clips` under the alias the rule's text names: Drizzle queries that use the rule select from this. */
export const clipsC = alias(clips, "c");

/** The rule for a Drizzle query over `clipsC`. */
export function clipVisibleTo(viewer: ClipViewer, options: AccessOptions = {}): SQL {
  return boundSql(clipVisibleSql(options), { viewer: viewer.id });
}

export function getClipRowForViewer(clipId: string, viewer: ClipViewer, options: AccessOptions = {}): ClipRow | undefined {
  return getDb()
    .select()
    .from(clipsC)
    .where(and(eq(clipsC.id, clipId), clipVisibleTo(viewer, options)))
    .get();
}
