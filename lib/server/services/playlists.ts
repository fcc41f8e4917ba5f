import type { Visibility } from "@/lib/domain";
import type { PlaylistDetailDto, PlaylistDto } from "@/lib/dto";
import { AppError } from "@/lib/errors";
import { playlistCreateSchema, playlistPatchSchema } from "@/lib/schemas/playlists";
import type { ClipViewer } from "@/lib/server/data/clip-access";
import { decodeClipCursor, encodeClipCursor } from "@/lib/server/data/clip-cursor";
import * as data from "@/lib/server/data/playlists";
import type { PlaylistScope, PlaylistWithOwner } from "@/lib/server/data/playlists";
import { listVisibleItems } from "@/lib/server/data/playlist-items";
import { deleteSharesForPlaylist } from "@/lib/server/data/shares";
import { inTransaction } from "@/lib/server/data/transaction";
import { newId } from "@/lib/server/ids";
import { parseOrThrow } from "@/lib/validation";
import { toDto } from "./library";

// Playlists (DESIGN "Sharing, playlists, export"). Who does what, kept simple on purpose:
// - a team playlist is seen by every member, a private one by its owner only
//   (anyone else: 404, as if it did not exist);
// - only the owner changes a playlist: name, description, visibility, its songs and
//   their order, deletion. Teammates play it; they add songs to playlists of their own.
// - a song shows in a playlist only for viewers who may see the song (the library's
//   one access rule), so a teammate's private or trashed song is absent for others.

export const MAX_PLAYLISTS_PER_USER = 500;

export const playlistNotFound = () => new AppError("not_found", "This playlist does not exist or you cannot see it.", { key: "playlists.errors.notFound" });
const ownerOnly = () => new AppError("forbidden", "Only the playlist's owner can change it.", { key: "playlists.errors.ownerOnly" });

export function toPlaylistDto(row: PlaylistWithOwner): PlaylistDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    owner: { id: row.ownerId, name: row.ownerName },
    itemCount: row.itemCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The playlist when the viewer may see it; otherwise not_found. */
export function readablePlaylist(viewer: ClipViewer, playlistId: string): PlaylistWithOwner {
  const row = data.getPlaylistForViewer(playlistId, viewer);
  if (!row) throw playlistNotFound();
  return row;
}

/** The playlist when the viewer owns it; a teammate's team playlist is forbidden, anything else not_found. */
export function ownPlaylist(viewer: ClipViewer, playlistId: string): PlaylistWithOwner {
  const row = readablePlaylist(viewer, playlistId);
  if (row.ownerId !== viewer.id) throw ownerOnly();
  return row;
}

export function createPlaylist(viewer: ClipViewer, input: unknown): PlaylistDto {
  const body = parseOrThrow(playlistCreateSchema, input);
  if (data.countOwnPlaylists(viewer.id, MAX_PLAYLISTS_PER_USER) >= MAX_PLAYLISTS_PER_USER) {
    throw new AppError("conflict", `You have ${MAX_PLAYLISTS_PER_USER} playlists, the most one member may keep; delete one first.`, {
      key: "playlists.errors.tooManyPlaylists",
      params: { max: MAX_PLAYLISTS_PER_USER },
    });
  }
  const row = data.insertPlaylist({ id: newId(), ownerId: viewer.id, name: body.name, description: body.description ?? null, visibility: body.visibility, now: new Date() });
  return toPlaylistDto(readablePlaylist(viewer, row.id));
}

/** A page of playlists; `othersOnly` leaves the viewer's own out of the team's (the /playlists page shows those as "mine"). */
export function listPlaylistsPage(
  viewer: ClipViewer,
  query: { scope: PlaylistScope; othersOnly?: boolean; cursor?: string; limit: number },
): { items: PlaylistDto[]; nextCursor: string | null } {
  const after = query.cursor ? decodeClipCursor(query.cursor) : undefined;
  const rows = data.listPlaylists({ viewer, scope: query.scope, othersOnly: query.othersOnly, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  // The keyset is (updated_at, id), encoded like the library's cursor.
  return { items: page.map(toPlaylistDto), nextCursor: rows.length > query.limit && last ? encodeClipCursor({ createdAt: last.updatedAt, id: last.id }) : null };
}

/** The playlist with the songs the viewer may see, in order. */
export function getPlaylistDetail(viewer: ClipViewer, playlistId: string): PlaylistDetailDto {
  const row = readablePlaylist(viewer, playlistId);
  return { ...toPlaylistDto(row), items: listVisibleItems(row.id, viewer).map(toDto), isOwner: row.ownerId === viewer.id };
}

export function updatePlaylist(viewer: ClipViewer, playlistId: string, input: unknown): PlaylistDto {
  const body = parseOrThrow(playlistPatchSchema, input);
  const row = ownPlaylist(viewer, playlistId);
  const changes: { name?: string; description?: string | null; visibility?: Visibility } = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.description !== undefined) changes.description = body.description;
  if (body.visibility !== undefined) changes.visibility = body.visibility;
  data.updateOwnPlaylist({ playlistId: row.id, ownerId: viewer.id, changes, now: new Date() });
  return toPlaylistDto(readablePlaylist(viewer, row.id));
}

/** Deletes the playlist with its items and share links (their URLs answer 404 at once). */
export function deletePlaylist(viewer: ClipViewer, playlistId: string) {
  const row = ownPlaylist(viewer, playlistId);
  inTransaction(() => {
    deleteSharesForPlaylist(row.id);
    data.deleteOwnPlaylist(row.id, viewer.id);
  });
}

/** The owner's playlists for the "Add to playlist" menu, newest changed first. */
export function listPlaylistChoices(viewer: ClipViewer, clipId: string, limit = 100) {
  return data.listOwnPlaylistsWithClip(viewer.id, clipId, limit);
}
