import type { ClipViewer } from "@/lib/server/data/clip-access";
import { countMyClips, countStarredClips, EXPORT_PAGE, pageMyClips, pageStarredClips } from "@/lib/server/data/export-clips";
import type { LibraryClipRow } from "@/lib/server/data/clip-rows";

// What an export walks. A source knows its album name (TALB), the file name's label,
// how many clips it holds when the export starts, and yields them a page at a time
// in the order they are numbered. A new kind of export (a playlist: its items in
// position order under the access rule, album = the playlist's name) is one more
// function returning this shape.

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
