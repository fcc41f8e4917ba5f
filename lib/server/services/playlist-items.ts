import type { PlaylistDetailDto } from "@/lib/dto";
import { AppError } from "@/lib/errors";
import { playlistItemAddSchema, playlistReorderSchema } from "@/lib/schemas/playlists";
import { getClipRowForViewer, type ClipViewer } from "@/lib/server/data/clip-access";
import { deleteItem, hasItem, insertItemAt, listItemIds, listVisibleItems, MAX_PLAYLIST_ITEMS, setItemOrder } from "@/lib/server/data/playlist-items";
import { getPlaylistForViewer, touchPlaylist } from "@/lib/server/data/playlists";
import { inTransaction } from "@/lib/server/data/transaction";
import { parseOrThrow } from "@/lib/validation";
import { getPlaylistDetail, ownPlaylist } from "./playlists";

// The owner's edits to a playlist's songs. Each runs in one transaction, which also
// keeps item_count and updated_at in step. The owner adds songs they may see (their
// own, or the team's); a song that later becomes a teammate's private one, or goes to
// the trash, stays stored but is hidden from whoever may not see it.

/** Adds a song at `position` (0-based; absent or past the end: last). 404 for a song the owner cannot see, 409 when it is already there or the playlist is full. */
export function addToPlaylist(viewer: ClipViewer, playlistId: string, input: unknown): PlaylistDetailDto {
  const body = parseOrThrow(playlistItemAddSchema, input);
  const playlist = ownPlaylist(viewer, playlistId);
  const clip = getClipRowForViewer(body.clipId, viewer);
  if (!clip) throw new AppError("not_found", "This clip does not exist or you cannot see it.", { key: "common.errors.clipNotFound" });
  inTransaction(() => {
    if (hasItem(playlist.id, clip.id)) throw new AppError("conflict", "The song is already in this playlist.", { key: "playlists.errors.alreadyIn" });
    const count = getPlaylistForViewer(playlist.id, viewer)?.itemCount ?? 0;
    if (count >= MAX_PLAYLIST_ITEMS) {
      throw new AppError("conflict", `A playlist holds at most ${MAX_PLAYLIST_ITEMS} songs.`, { key: "playlists.errors.tooManyItems", params: { max: MAX_PLAYLIST_ITEMS } });
    }
    const now = new Date();
    insertItemAt({ playlistId: playlist.id, clipId: clip.id, position: Math.min(body.position ?? count, count), addedBy: viewer.id, now });
    touchPlaylist(playlist.id, 1, now);
  });
  return getPlaylistDetail(viewer, playlist.id);
}

export function removeFromPlaylist(viewer: ClipViewer, playlistId: string, clipId: string) {
  const playlist = ownPlaylist(viewer, playlistId);
  inTransaction(() => {
    if (!deleteItem(playlist.id, clipId)) throw new AppError("not_found", "The song is not in this playlist.", { key: "playlists.errors.notInPlaylist" });
    touchPlaylist(playlist.id, -1, new Date());
  });
}

/**
 * A new order for the songs the owner sees: `clipIds` must hold each of them exactly
 * once (else 400, with what is missing, unknown or repeated). Songs hidden from the
 * owner (a teammate's song gone private, say) keep their order after these.
 */
export function reorderPlaylist(viewer: ClipViewer, playlistId: string, input: unknown): PlaylistDetailDto {
  const { clipIds } = parseOrThrow(playlistReorderSchema, input);
  const playlist = ownPlaylist(viewer, playlistId);
  inTransaction(() => {
    const visible = listVisibleItems(playlist.id, viewer).map((c) => c.id);
    const problem = permutationProblem(visible, clipIds);
    if (problem) throw new AppError("validation", "clipIds must list every song of the playlist exactly once.", { details: { clipIds: ["notPermutation"], ...problem } });
    const shown = new Set(visible);
    setItemOrder(playlist.id, [...clipIds, ...listItemIds(playlist.id).filter((id) => !shown.has(id))]);
    touchPlaylist(playlist.id, 0, new Date());
  });
  return getPlaylistDetail(viewer, playlist.id);
}

/** What keeps `proposed` from being a reordering of `current`; null when it is one. */
export function permutationProblem(current: string[], proposed: string[]): Record<string, string[]> | null {
  const seen = new Set<string>();
  const duplicates = proposed.filter((id) => seen.size === seen.add(id).size);
  const have = new Set(current);
  const unknown = [...seen].filter((id) => !have.has(id));
  const missing = current.filter((id) => !seen.has(id));
  if (duplicates.length + unknown.length + missing.length === 0) return null;
  return {
    ...(missing.length ? { missing } : {}),
    ...(unknown.length ? { unknown } : {}),
    ...(duplicates.length ? { duplicates: [...new Set(duplicates)] } : {}),
  };
}
