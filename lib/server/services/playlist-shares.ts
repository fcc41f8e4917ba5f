import type { ShareDto } from "@/lib/dto";
import { AppError } from "@/lib/errors";
import { getNthVisibleItem, listVisibleItems, MAX_PLAYLIST_ITEMS } from "@/lib/server/data/playlist-items";
import { getPlaylistWithOwner } from "@/lib/server/data/playlists";
import { listSharesForPlaylist, recordShareView } from "@/lib/server/data/shares";
import type { ClipViewer } from "@/lib/server/data/clip-access";
import { respondWithClipMedia } from "./clip-media";
import { ownPlaylist, readablePlaylist } from "./playlists";
import { limited, liveShare, mediaLimit, mintShare, pageLimit, publicClipView, toShareDto, type LiveShare, type PublicShare } from "./shares";

// Public links to a playlist (SEC-17), beside the clip shares of shares.ts: the same
// tokens, expiry, revocation, rate limits and 404-for-everything-that-ended.
// A playlist share is its owner's grant, so it shows what the owner sees in it: their
// own songs (private ones too) and the team's, never trashed ones. A teammate's
// private song is not the owner's to publish and is left out. Tracks are numbered
// 1…n in that list and their media is served by token and number only
// (/s/<token>/tracks/<n>/audio): no clip ids in public URLs.

export interface PublicTrack {
  n: number;
  title: string;
  style: string | null;
  duration: number | null;
  hasCover: boolean;
  hasAudio: boolean;
}

export interface PublicPlaylist {
  name: string;
  description: string | null;
  creatorName: string;
  tracks: PublicTrack[];
}

export type PublicView = { kind: "clip"; clip: PublicShare } | { kind: "playlist"; playlist: PublicPlaylist };

/** The owner shares one of their playlists (anyone else: 404, or 403 for a teammate's team playlist). */
export function createPlaylistShare(viewer: ClipViewer, playlistId: string, options: { expiresInDays?: number } = {}): ShareDto {
  const playlist = ownPlaylist(viewer, playlistId);
  return toShareDto(mintShare(viewer.id, { playlistId: playlist.id }, options.expiresInDays), playlist.name, null);
}

/** The owner's links to one playlist, for its share panel; none for anyone else. */
export function listPlaylistShares(viewer: ClipViewer, playlistId: string): ShareDto[] {
  const playlist = readablePlaylist(viewer, playlistId);
  if (playlist.ownerId !== viewer.id) return [];
  return listSharesForPlaylist(viewer.id, playlist.id).map((s) => toShareDto(s, playlist.name, null));
}

function sharedPlaylist(found: LiveShare | undefined) {
  return found?.share.playlistId ? getPlaylistWithOwner(found.share.playlistId) : undefined;
}

/** Whatever a live token shares, for /s/<token>, its embed and oEmbed; null when it has ended or never was. */
export function openPublicShare(token: string, client: string, options: { countView?: boolean } = {}): PublicView | null {
  limited(pageLimit, client);
  const found = liveShare(token);
  if (!found) return null;
  if (found.share.clipId) {
    const clip = publicClipView(found, options);
    return clip && { kind: "clip", clip };
  }
  const playlist = sharedPlaylist(found);
  if (!playlist) return null;
  if (options.countView) recordShareView(found.share.id);
  // What the owner sees in it: the access rule with the owner as the viewer.
  const tracks = listVisibleItems(playlist.id, { id: playlist.ownerId }).map((c, i) => ({
    n: i + 1,
    title: c.title || "Untitled",
    style: c.style,
    duration: c.duration,
    hasCover: Boolean(c.imageUrl),
    hasAudio: Boolean(c.audioUrl) || c.archived || c.state === "succeeded",
  }));
  return { kind: "playlist", playlist: { name: playlist.name, description: playlist.description, creatorName: playlist.ownerName, tracks } };
}

/** /s/<token>/tracks/<n>/audio and /cover: one track's media by the share's token and its number. */
export async function servePlaylistTrackMedia(request: Request, token: string, n: number, kind: "audio" | "cover", client: string): Promise<Response> {
  limited(mediaLimit, client);
  const playlist = sharedPlaylist(liveShare(token));
  const clip = playlist && Number.isInteger(n) && n >= 1 && n <= MAX_PLAYLIST_ITEMS ? getNthVisibleItem(playlist.id, { id: playlist.ownerId }, n - 1) : undefined;
  if (!clip) throw new AppError("not_found", "Not found.");
  return respondWithClipMedia(request, clip, kind);
}
