import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, type ClipRow } from "@/lib/server/db/schema";

// The one access rule for clips (SEC-2): a clip is readable by its owner, and by any
// signed-in member when it is team-visible and not deleted. Deleted clips are seen
// only by their owner, in the trash. Everything else is "not found".

export interface ClipViewer {
  id: string;
}

export function clipVisibleTo(viewer: ClipViewer, options: { includeDeleted?: boolean } = {}): SQL {
  const own = eq(clips.ownerId, viewer.id);
  const team = and(eq(clips.visibility, "team"), isNull(clips.deletedAt))!;
  if (options.includeDeleted) return or(own, team)!;
  return and(isNull(clips.deletedAt), or(own, eq(clips.visibility, "team")))!;
}

export function getClipRowForViewer(clipId: string, viewer: ClipViewer, options: { includeDeleted?: boolean } = {}): ClipRow | undefined {
  return getDb()
    .select()
    .from(clips)
    .where(and(eq(clips.id, clipId), clipVisibleTo(viewer, options)))
    .get();
}

/** Changes are for owners only: a member who can read a teammate's clip still cannot alter it. */
export function getClipRowForOwner(clipId: string, viewer: ClipViewer, options: { includeDeleted?: boolean } = {}): ClipRow | undefined {
  const conditions = [eq(clips.id, clipId), eq(clips.ownerId, viewer.id)];
  if (!options.includeDeleted) conditions.push(isNull(clips.deletedAt));
  return getDb().select().from(clips).where(and(...conditions)).get();
}
