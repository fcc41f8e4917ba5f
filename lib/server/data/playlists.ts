import { and, desc, eq, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Visibility } from "@/lib/domain";
import { getDb } from "@/lib/server/db/client";
import { playlists, users, type PlaylistRow } from "@/lib/server/db/schema";
import type { ClipViewer } from "./clip-access";
import type { ClipCursor } from "./clip-cursor";

// Playlists, scoped by who asks (STYLE 3): a team playlist is readable by every
// member, a private one by its owner only; every change names the owner, so a
// playlist that is not the caller's own changes nothing. Items live in playlist-items.ts.

export type PlaylistScope = "mine" | "team";
export type PlaylistWithOwner = PlaylistRow & { ownerName: string };

const withOwner = { playlist: playlists, ownerName: users.name };
const flatten = (r: { playlist: PlaylistRow; ownerName: string }): PlaylistWithOwner => ({ ...r.playlist, ownerName: r.ownerName });

const readableBy = (viewer: ClipViewer): SQL => or(eq(playlists.visibility, "team"), eq(playlists.ownerId, viewer.id))!;

export function insertPlaylist(values: { id: string; ownerId: string; name: string; description: string | null; visibility: Visibility; now: Date }): PlaylistRow {
  const { now, ...rest } = values;
  return getDb()
    .insert(playlists)
    .values({ ...rest, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

/** The playlist when the viewer may read it (team, or their own). */
export function getPlaylistForViewer(playlistId: string, viewer: ClipViewer): PlaylistWithOwner | undefined {
  const row = getDb()
    .select(withOwner)
    .from(playlists)
    .innerJoin(users, eq(users.id, playlists.ownerId))
    .where(and(eq(playlists.id, playlistId), readableBy(viewer)))
    .get();
  return row && flatten(row);
}

/** For a public share: the playlist and its owner's display name, whoever asks. */
export function getPlaylistWithOwner(playlistId: string): PlaylistWithOwner | undefined {
  const row = getDb().select(withOwner).from(playlists).innerJoin(users, eq(users.id, playlists.ownerId)).where(eq(playlists.id, playlistId)).get();
  return row && flatten(row);
}

/**
 * A keyset page, most recently changed first. Mine walks playlists_owner_updated_idx,
 * the team's playlists_visibility_updated_idx (every member's team playlists, mine too).
 */
export function listPlaylists(input: { viewer: ClipViewer; scope: PlaylistScope; othersOnly?: boolean; after?: ClipCursor; limit: number }): PlaylistWithOwner[] {
  const scope =
    input.scope === "mine" ? eq(playlists.ownerId, input.viewer.id) : and(eq(playlists.visibility, "team"), input.othersOnly ? ne(playlists.ownerId, input.viewer.id) : undefined);
  const after = input.after
    ? or(lt(playlists.updatedAt, new Date(input.after.createdAt)), and(eq(playlists.updatedAt, new Date(input.after.createdAt)), lt(playlists.id, input.after.id)))
    : undefined;
  return getDb()
    .select(withOwner)
    .from(playlists)
    .innerJoin(users, eq(users.id, playlists.ownerId))
    .where(and(scope, after))
    .orderBy(desc(playlists.updatedAt), desc(playlists.id))
    .limit(input.limit)
    .all()
    .map(flatten);
}

/** How many playlists the owner has, counted up to `upTo` (enough to enforce a cap without reading them all). */
export function countOwnPlaylists(ownerId: string, upTo: number): number {
  const row = getDb().$client.prepare("SELECT count(*) AS n FROM (SELECT 1 FROM playlists WHERE owner_id = ? LIMIT ?)").get(ownerId, upTo) as { n: number };
  return row.n;
}

export function updateOwnPlaylist(input: { playlistId: string; ownerId: string; changes: Partial<Pick<PlaylistRow, "name" | "description" | "visibility">>; now: Date }): boolean {
  return (
    getDb()
      .update(playlists)
      .set({ ...input.changes, updatedAt: input.now })
      .where(and(eq(playlists.id, input.playlistId), eq(playlists.ownerId, input.ownerId)))
      .run().changes === 1
  );
}

/** Deletes the owner's playlist and its items (cascade); its shares must be gone first (deleteSharesForPlaylist). */
export function deleteOwnPlaylist(playlistId: string, ownerId: string): boolean {
  return (
    getDb()
      .delete(playlists)
      .where(and(eq(playlists.id, playlistId), eq(playlists.ownerId, ownerId)))
      .run().changes === 1
  );
}

/** Keeps item_count and updated_at in step with a change to the items (inside the same transaction). */
export function touchPlaylist(playlistId: string, countDelta: number, now: Date) {
  getDb()
    .update(playlists)
    .set({ itemCount: sql`${playlists.itemCount} + ${countDelta}`, updatedAt: now })
    .where(eq(playlists.id, playlistId))
    .run();
}

/** The owner's playlists for the "Add to playlist" menu, with whether each already holds the clip. */
export function listOwnPlaylistsWithClip(ownerId: string, clipId: string, limit: number): { id: string; name: string; itemCount: number; hasClip: boolean }[] {
  return getDb()
    .select({
      id: playlists.id,
      name: playlists.name,
      itemCount: playlists.itemCount,
      hasClip: sql<number>`EXISTS (SELECT 1 FROM playlist_items pi WHERE pi.playlist_id = "playlists"."id" AND pi.clip_id = ${clipId})`,
    })
    .from(playlists)
    .where(eq(playlists.ownerId, ownerId))
    .orderBy(desc(playlists.updatedAt), desc(playlists.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, hasClip: Boolean(r.hasClip) }));
}
