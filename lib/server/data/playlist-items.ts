import type { ClipRow } from "@/lib/server/db/schema";
import { clipVisibleSql, type ClipViewer } from "./clip-access";
import { fromRawRow, LIBRARY_SELECT, prepared, type LibraryClipRow } from "./clip-rows";

// A playlist's songs. Positions are dense (0 … n-1) over every item, whatever a given
// viewer may see; reads walk playlist_items_order_idx in order and pass each clip
// through the one access rule (clip-access.ts), so a teammate's private or trashed
// song is simply absent for whoever may not see it. CROSS JOIN keeps the items as the
// outer loop: clips are looked up by primary key, never scanned.

export const MAX_PLAYLIST_ITEMS = 1000;

const VISIBLE_ITEMS = `SELECT ${LIBRARY_SELECT} FROM playlist_items pi INDEXED BY playlist_items_order_idx CROSS JOIN clips c ON c.id = pi.clip_id
  WHERE pi.playlist_id = @playlist AND ${clipVisibleSql()} ORDER BY pi.position LIMIT ${MAX_PLAYLIST_ITEMS}`;
const NTH_VISIBLE = `SELECT c.* FROM playlist_items pi INDEXED BY playlist_items_order_idx CROSS JOIN clips c ON c.id = pi.clip_id
  WHERE pi.playlist_id = @playlist AND ${clipVisibleSql()} ORDER BY pi.position LIMIT 1 OFFSET @offset`;
const ALL_IDS = `SELECT pi.clip_id FROM playlist_items pi INDEXED BY playlist_items_order_idx WHERE pi.playlist_id = @playlist ORDER BY pi.position LIMIT ${MAX_PLAYLIST_ITEMS + 1}`;

/** The items `viewer` may see, in order, as library rows (with owner name, star, archived). */
export function listVisibleItems(playlistId: string, viewer: ClipViewer): LibraryClipRow[] {
  return (prepared(VISIBLE_ITEMS).all({ playlist: playlistId, viewer: viewer.id }) as Record<string, unknown>[]).map(fromRawRow);
}

/** The n-th (0-based) item `viewer` may see: a public share's track by its number. */
export function getNthVisibleItem(playlistId: string, viewer: ClipViewer, n: number): ClipRow | undefined {
  const raw = prepared(NTH_VISIBLE).get({ playlist: playlistId, viewer: viewer.id, offset: n }) as Record<string, unknown> | undefined;
  return raw && fromRawRow(raw);
}

/** Every item's clip id in order, seen or not (for the owner's edits). */
export function listItemIds(playlistId: string): string[] {
  return prepared(ALL_IDS).pluck().all({ playlist: playlistId }) as string[];
}

export function hasItem(playlistId: string, clipId: string): boolean {
  return prepared("SELECT 1 FROM playlist_items WHERE playlist_id = ? AND clip_id = ?").get(playlistId, clipId) !== undefined;
}

/** Puts a clip at `position` (0-based), moving the items from there on down by one. Inside a transaction. */
export function insertItemAt(input: { playlistId: string; clipId: string; position: number; addedBy: string; now: Date }) {
  prepared("UPDATE playlist_items SET position = position + 1 WHERE playlist_id = ? AND position >= ?").run(input.playlistId, input.position);
  prepared("INSERT INTO playlist_items (playlist_id, clip_id, position, added_at, added_by) VALUES (?, ?, ?, ?, ?)").run(
    input.playlistId,
    input.clipId,
    input.position,
    input.now.getTime(),
    input.addedBy,
  );
}

/** Removes a clip and closes the gap it leaves; false when it was not there. Inside a transaction. */
export function deleteItem(playlistId: string, clipId: string): boolean {
  const removed = prepared("DELETE FROM playlist_items WHERE playlist_id = ? AND clip_id = ? RETURNING position").get(playlistId, clipId) as { position: number } | undefined;
  if (!removed) return false;
  prepared("UPDATE playlist_items SET position = position - 1 WHERE playlist_id = ? AND position > ?").run(playlistId, removed.position);
  return true;
}

/** Rewrites every position to the given order of clip ids. Inside a transaction. */
export function setItemOrder(playlistId: string, clipIds: string[]) {
  const update = prepared("UPDATE playlist_items SET position = ? WHERE playlist_id = ? AND clip_id = ?");
  clipIds.forEach((clipId, position) => update.run(position, playlistId, clipId));
}
