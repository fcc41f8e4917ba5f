import type { ClipViewer } from "@/lib/server/data/clip-access";
import { countMyClips, countStarredClips, EXPORT_PAGE, pageMyClips, pageStarredClips } from "@/lib/server/data/export-clips";
import type { LibraryClipRow } from "@/lib/server/data/clip-rows";
import { listVisibleItems } from "@/lib/server/data/playlist-items";
import { readablePlaylist } from "@/lib/server/services/playlists";

// What an export walks. A source knows its album name (TALB), the file name's label,
// how many clips it holds when the export starts, and yields them a page at a time
// in the order they are numbered.

export interface ExportSource {
  /** The ID3 album: a playlist's name, otherwise "Songloft". */
  album: string;
  /** The ZIP's file name before the date: `songloft-my-songs`. */
  fileLabel: string;
  /** What songloft.json says was exported (`mine`, `starred`, `playlist`). */
  kind: string;
  total: number;
  /** Pages of clips in order; each page is one short read, nothing stays open between pages. */
  pages(): Generator<LibraryClipRow[], void, undefined>;
}

export const DEFAULT_ALBUM = "Songloft";

export function myClipsSource(viewer: ClipViewer, startedAt = Date.now()): ExportSource {
  return {
    album: DEFAULT_ALBUM,
    fileLabel: "songloft-my-songs",
    kind: "mine",
    // Clips made while the export runs are left for the next one, so numbering and the count agree.
    total: countMyClips(viewer, startedAt),
    *pages() {
      let cursor = { createdAt: startedAt, id: "" };
      for (;;) {
        const page = pageMyClips(viewer, cursor);
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE) return;
        const last = page[page.length - 1];
        cursor = { createdAt: last.createdAt.getTime(), id: last.id };
      }
    },
  };
}

export function starredClipsSource(viewer: ClipViewer): ExportSource {
  return {
    album: DEFAULT_ALBUM,
    fileLabel: "songloft-starred-songs",
    kind: "starred",
    total: countStarredClips(viewer),
    *pages() {
      let after = "";
      for (;;) {
        const page = pageStarredClips(viewer, after);
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE) return;
        after = page[page.length - 1].id;
      }
    },
  };
}

/** A playlist the viewer may open: the songs they may see in it, in its order, album = its name. */
export function playlistSource(viewer: ClipViewer, playlistId: string): ExportSource {
  const playlist = readablePlaylist(viewer, playlistId);
  // A playlist holds at most MAX_PLAYLIST_ITEMS songs: one short read, handed out in export-sized pages.
  const items = listVisibleItems(playlist.id, viewer);
  return {
    album: playlist.name,
    fileLabel: "songloft-playlist",
    kind: "playlist",
    total: items.length,
    *pages() {
      for (let i = 0; i < items.length; i += EXPORT_PAGE) yield items.slice(i, i + EXPORT_PAGE);
    },
  };
}
