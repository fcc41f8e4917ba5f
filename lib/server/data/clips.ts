import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, providers, stars, users, type ClipRow } from "@/lib/server/db/schema";
import { clipsC, clipVisibleSql, clipVisibleTo, getClipRowForViewer, type ClipViewer } from "./clip-access";
import { decodeClipCursor, encodeClipCursor, type ClipCursor } from "./clip-cursor";
import { ftsProbeQuery, pageQuery, windowBoundaryQuery, type ClipListFilters, type ListSql } from "./clip-list-sql";
import { fromRawRow, fromSummaryRow, LIBRARY_SELECT, prepared, SUMMARY_SELECT, type ClipSummaryRow, type LibraryClipRow } from "./clip-rows";
import { parseSearchTerms } from "./clip-search";

export type { ClipScope, ClipListFilters } from "./clip-list-sql";
export type { ClipSummaryRow, LibraryClipRow } from "./clip-rows";
export { encodeClipCursor, decodeClipCursor } from "./clip-cursor";

/**
 * A search whose words match at most this many clips in the whole database is
 * answered from the FTS5 matches (looked up by rowid, sorted: at most this many rows).
 * Commoner words walk the scope's index newest first and test each row with LIKE,
 * which finds a page of matches long before it reaches this many rows.
 */
export const FTS_CANDIDATE_LIMIT = 4000;
/** Most rows one LIKE-search page reads (see windowBoundaryQuery). */
export const SEARCH_WINDOW = 4000;
export const MAX_PAGE = 100;

export interface ListClipsInput extends ClipListFilters {
  q?: string;
  /** An opaque nextCursor from a previous page; a malformed one is AppError bad_request. */
  cursor?: string;
  limit: number;
}

export interface ClipPage<T> {
  items: T[];
  /**
   * Null when nothing follows. A search may return fewer than `limit` items (even
   * none) with a cursor: it read its window of rows and more remain to be searched.
   */
  nextCursor: string | null;
}

type ClipCursorSource = Parameters<typeof encodeClipCursor>[0];

interface RowShape<T> {
  select: string;
  map: (raw: Record<string, unknown>) => T;
}
const FULL: RowShape<LibraryClipRow> = { select: LIBRARY_SELECT, map: fromRawRow };
const SUMMARY: RowShape<ClipSummaryRow> = { select: SUMMARY_SELECT, map: fromSummaryRow };

function toPage<T extends ClipCursorSource>(found: T[], limit: number, searchedUpTo?: ClipCursor): ClipPage<T> {
  if (found.length > limit) {
    const items = found.slice(0, limit);
    return { items, nextCursor: encodeClipCursor(items[limit - 1]) };
  }
  return { items: found, nextCursor: searchedUpTo ? encodeClipCursor(searchedUpTo) : null };
}

/** The library, team and member lists: keyset pages newest first, filtered and searched, never counted. */
export function listClips(input: ListClipsInput): ClipPage<LibraryClipRow> {
  return listPage(input, FULL);
}

/** The same pages with only what a list row shows (see ClipSummaryRow). */
export function listClipSummaries(input: ListClipsInput): ClipPage<ClipSummaryRow> {
  return listPage(input, SUMMARY);
}

function listPage<T extends ClipCursorSource>(input: ListClipsInput, shape: RowShape<T>): ClipPage<T> {
  const rows = (query: ListSql) => (prepared(query.text).all(query.params) as Record<string, unknown>[]).map(shape.map);
  const select = shape.select;
  const limit = Math.min(Math.max(Math.trunc(input.limit) || 1, 1), MAX_PAGE);
  const cursor = input.cursor ? decodeClipCursor(input.cursor) : undefined;
  const search = parseSearchTerms(input.q);
  if (!search) return toPage(rows(pageQuery(input, cursor, { limit: limit + 1, select })), limit);

  if (search.indexed.length > 0) {
    const probe = ftsProbeQuery(search.indexed, FTS_CANDIDATE_LIMIT + 1);
    const candidates = prepared(probe.text).pluck().all(probe.params) as number[];
    if (candidates.length <= FTS_CANDIDATE_LIMIT) {
      if (candidates.length === 0) return { items: [], nextCursor: null };
      const shortWords = search.all.filter((w) => !search.indexed.includes(w));
      return toPage(rows(pageQuery(input, cursor, { limit: limit + 1, candidates, likeWords: shortWords, select })), limit);
    }
  }

  const edge = windowBoundaryQuery(input, cursor, SEARCH_WINDOW);
  const last = prepared(edge.text).get(edge.params) as { created_at: number; id: string } | undefined;
  const boundary = last ? { createdAt: last.created_at, id: last.id } : undefined;
  return toPage(rows(pageQuery(input, cursor, { limit: limit + 1, likeWords: search.all, boundary, select })), limit, boundary);
}

// Single-clip reads: the library's extras and the access rule, each from its one
// definition, in statements prepared once per connection (the clip page runs three).
// INDEXED BY pins the lookups: with statistics, SQLite judges clips_parent_idx (mostly
// NULL) unselective and would scan every clip to find a clip's extensions.
const clipReads = {
  byId: (includeDeleted: boolean) => `SELECT ${LIBRARY_SELECT} FROM clips c WHERE c.id = @clip AND ${clipVisibleSql({ includeDeleted })}`,
  takes: `SELECT ${LIBRARY_SELECT} FROM clips c INDEXED BY clips_task_idx WHERE c.task_id = @task AND c.id <> @clip AND ${clipVisibleSql()} ORDER BY c.position, c.id`,
  extensions: `SELECT ${LIBRARY_SELECT} FROM clips c INDEXED BY clips_parent_idx WHERE c.parent_clip_id = @clip AND ${clipVisibleSql()} ORDER BY c.created_at, c.id`,
};

function readClips(text: string, params: Record<string, string>): LibraryClipRow[] {
  return (prepared(text).all(params) as Record<string, unknown>[]).map(fromRawRow);
}

/** One clip under the access rule (clip-access.ts); the owner also sees it in the trash with includeDeleted. */
export function getClipForViewer(input: { clipId: string; viewer: ClipViewer; includeDeleted?: boolean }): LibraryClipRow | undefined {
  return readClips(clipReads.byId(Boolean(input.includeDeleted)), { clip: input.clipId, viewer: input.viewer.id })[0];
}

/** The other takes of the same task the viewer may see. */
export function listSiblingTakes(clip: Pick<ClipRow, "id" | "taskId">, viewer: ClipViewer): LibraryClipRow[] {
  return readClips(clipReads.takes, { task: clip.taskId, clip: clip.id, viewer: viewer.id });
}

/** Extend lineage: the clip this one continues and the clips that continue it, as far as the viewer may see. */
export function getClipLineage(clip: Pick<ClipRow, "id" | "parentClipId">, viewer: ClipViewer) {
  const parent = clip.parentClipId ? (getClipForViewer({ clipId: clip.parentClipId, viewer }) ?? null) : null;
  const extensions = readClips(clipReads.extensions, { clip: clip.id, viewer: viewer.id });
  return { parent, extensions };
}

/** For /clips/by-vendor/<id>: vendor clip ids are unique per provider, so every provider is tried through the index. */
export function findClipIdByVendorClipId(vendorClipId: string, viewer: ClipViewer): string | undefined {
  const providerIds = getDb()
    .select({ id: providers.id })
    .from(providers)
    .all()
    .map((p) => p.id);
  if (providerIds.length === 0) return undefined;
  return getDb()
    .select({ id: clipsC.id })
    .from(clipsC)
    .where(and(inArray(clipsC.providerId, providerIds), eq(clipsC.vendorClipId, vendorClipId), clipVisibleTo(viewer)))
    .orderBy(asc(clipsC.createdAt))
    .get()?.id;
}

// Changes: each one names the owner in its WHERE clause, so a caller that skipped the
// service's check still cannot touch someone else's clip. They answer whether a row changed.

const ownLive = (clipId: string, ownerId: string) => and(eq(clips.id, clipId), eq(clips.ownerId, ownerId), isNull(clips.deletedAt));

export function renameClip(input: { clipId: string; ownerId: string; title: string }): boolean {
  const set = { title: input.title, updatedAt: new Date() };
  return getDb().update(clips).set(set).where(ownLive(input.clipId, input.ownerId)).run().changes > 0;
}

export function setClipVisibility(input: { clipId: string; ownerId: string; visibility: ClipRow["visibility"] }): boolean {
  const set = { visibility: input.visibility, updatedAt: new Date() };
  return getDb().update(clips).set(set).where(ownLive(input.clipId, input.ownerId)).run().changes > 0;
}

/** Stars only a clip the user may see; starring twice is harmless. */
export function starClip(input: { clipId: string; userId: string }): boolean {
  if (!getClipRowForViewer(input.clipId, { id: input.userId })) return false;
  getDb().insert(stars).values({ userId: input.userId, clipId: input.clipId }).onConflictDoNothing().run();
  return true;
}

export function unstarClip(input: { clipId: string; userId: string }) {
  getDb()
    .delete(stars)
    .where(and(eq(stars.userId, input.userId), eq(stars.clipId, input.clipId)))
    .run();
}

export function softDeleteClip(input: { clipId: string; ownerId: string }): boolean {
  const now = new Date();
  return getDb().update(clips).set({ deletedAt: now, updatedAt: now }).where(ownLive(input.clipId, input.ownerId)).run().changes > 0;
}

export function restoreClip(input: { clipId: string; ownerId: string }): boolean {
  const where = and(eq(clips.id, input.clipId), eq(clips.ownerId, input.ownerId), isNotNull(clips.deletedAt));
  return getDb().update(clips).set({ deletedAt: null, updatedAt: new Date() }).where(where).run().changes > 0;
}

/**
 * Removes a trashed clip for good (its stars and media rows cascade; extensions keep
 * their parent id, which then resolves to nothing). The service deletes the archived
 * files once this has answered true: a crash in between leaves an orphan
 * directory on disk, never a row pointing at a missing file.
 */
export function purgeClip(input: { clipId: string; ownerId: string }): boolean {
  const where = and(eq(clips.id, input.clipId), eq(clips.ownerId, input.ownerId), isNotNull(clips.deletedAt));
  return getDb().delete(clips).where(where).run().changes > 0;
}

/** Everyone whose history can be browsed, for the member filter. */
export function listMembers(): { id: string; name: string; disabled: boolean }[] {
  return getDb()
    .select({ id: users.id, name: users.name, disabled: users.disabled })
    .from(users)
    .orderBy(asc(sql`${users.name} collate nocase`), asc(users.id))
    .all();
}

/** Longest extension chain a whole song may join; deeper chains are refused, not walked. */
export const MAX_CHAIN_SEGMENTS = 50;

export type ChainClip = Pick<ClipRow, "id" | "taskId" | "providerId" | "vendorClipId" | "title" | "lyrics" | "audioUrl" | "duration" | "continueAt" | "state" | "parentClipId">;

/**
 * The extension chain ending at a clip, oldest first: each clip's parent, up to the
 * song it all started from. One primary-key lookup per step; stops after the cap.
 */
export function listExtensionChain(clipId: string): ChainClip[] {
  const chain: ChainClip[] = [];
  let next: string | null = clipId;
  while (next && chain.length <= MAX_CHAIN_SEGMENTS) {
    const row: ChainClip | undefined = getDb()
      .select({
        id: clips.id,
        taskId: clips.taskId,
        providerId: clips.providerId,
        vendorClipId: clips.vendorClipId,
        title: clips.title,
        lyrics: clips.lyrics,
        audioUrl: clips.audioUrl,
        duration: clips.duration,
        continueAt: clips.continueAt,
        state: clips.state,
        parentClipId: clips.parentClipId,
      })
      .from(clips)
      .where(eq(clips.id, next))
      .get();
    if (!row) break;
    chain.unshift(row);
    next = row.parentClipId;
  }
  return chain;
}

/** Sets a file the vendor made for a clip (WAV, video); the archiver picks it up next. */
export function setClipFormatUrl(clipId: string, format: "wav" | "video", url: string, now: Date): void {
  getDb()
    .update(clips)
    .set(format === "wav" ? { wavUrl: url, updatedAt: now } : { videoUrl: url, updatedAt: now })
    .where(eq(clips.id, clipId))
    .run();
}

/** A whole song's segments, written when its concat task's clip arrives. */
export function setClipSegments(clipIds: string[], segments: string[], now: Date): void {
  if (clipIds.length === 0) return;
  getDb().update(clips).set({ segments, updatedAt: now }).where(inArray(clips.id, clipIds)).run();
}

/** A clip by id, whoever owns it: for server-side bookkeeping, never for showing to a viewer. */
export function getClipRow(id: string): ClipRow | undefined {
  return getDb().select().from(clips).where(eq(clips.id, id)).get();
}
