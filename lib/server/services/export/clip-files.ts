import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { LibraryClipRow } from "@/lib/server/data/clip-rows";
import { getMediaFile } from "@/lib/server/data/media";
import { essence, isSvg, safeFileStem } from "@/lib/server/media/content-types";
import { existingTagLength, id3v24Tag } from "@/lib/server/media/id3-tags";
import { toLrc } from "@/lib/server/media/lrc";
import { absoluteMediaPath } from "@/lib/server/media/storage";

// One clip's files in the ZIP: its archived audio (an MP3 tagged, any other format as
// it is), its timed lyrics as .lrc, and its line in songloft.json. Only the archive on
// disk is read: a song whose audio is not archived yet is listed as missing rather
// than fetched from the vendor here, because an export of thousands of songs must not
// wait on (or hammer) a vendor's CDN; the archive queue fetches it in the background
// and the next export has it.

export interface ZipFileEntry {
  name: string;
  mtime: Date;
  /** Audio is stored as it is (already compressed); text is deflated. */
  compress: boolean;
  open(): Promise<Readable>;
}

export type MissingReason = "not_finished" | "not_archived" | "archive_failed" | "file_missing";

const MISSING_MESSAGES: Record<MissingReason, string> = {
  not_finished: "The song has no audio: it did not finish generating.",
  not_archived: "The audio is not archived on this server yet; export again once the archive has fetched it.",
  archive_failed: "The archive could not fetch this song's audio from the vendor.",
  file_missing: "The archived audio file is missing from the server's disk.",
};

export interface ClipFiles {
  entries: ZipFileEntry[];
  /** The clip's object in songloft.json. */
  record: Record<string, unknown>;
}

export interface ClipContext {
  track: number;
  total: number;
  album: string;
  providerName: string;
}

/** `07 - Night Drive`: the track number keeps names unique, so two songs with one title never collide. */
export function entryStem(track: number, total: number, title: string): string {
  return `${String(track).padStart(String(total).length, "0")} - ${safeFileStem(title, "Untitled")}`;
}

async function fileSize(absolute: string): Promise<number | null> {
  const stat = await fs.promises.stat(absolute).catch(() => null);
  return stat?.isFile() ? stat.size : null;
}

async function readCover(clipId: string): Promise<{ data: Buffer; contentType: string } | null> {
  const row = getMediaFile(clipId, "image");
  if (row?.status !== "archived" || !row.path || !row.contentType || isSvg(row.contentType)) return null;
  const data = await fs.promises.readFile(absoluteMediaPath(row.path)).catch(() => null);
  return data ? { data, contentType: essence(row.contentType) } : null;
}

async function audioEntry(clip: LibraryClipRow, ctx: ClipContext, stem: string): Promise<ZipFileEntry | MissingReason> {
  const row = getMediaFile(clip.id, "audio");
  if (row?.status !== "archived" || !row.path) {
    if (row?.status === "failed") return "archive_failed";
    return clip.state === "succeeded" ? "not_archived" : "not_finished";
  }
  const absolute = absoluteMediaPath(row.path);
  const size = await fileSize(absolute);
  if (size === null) return "file_missing";
  const ext = path.extname(row.path).slice(1).toLowerCase() || "bin";
  const name = `${stem}.${ext}`;
  const mtime = clip.createdAt;
  if (ext !== "mp3") return { name, mtime, compress: false, open: async () => fileStream(absolute, 0, size) };
  return {
    name,
    mtime,
    compress: false,
    // The new tag, then the audio after the file's own tag, streamed from disk: only the cover is held in memory.
    open: async () => {
      const tags = { title: clip.title, artist: clip.ownerName, album: ctx.album, track: ctx.track, trackTotal: ctx.total, lyrics: clip.lyrics, songloftId: clip.id };
      const tag = id3v24Tag({ ...tags, cover: await readCover(clip.id) });
      const skip = existingTagLength(await readHead(absolute));
      const body = async function* () {
        yield tag;
        yield* fileStream(absolute, skip, size);
      };
      return Readable.from(body());
    },
  };
}

/**
 * The file from `start` to the size it had when listed. With its end given, a read
 * stream sizes each read to what is left, so it allocates nothing past the file's end;
 * without one it allocates 64 KiB for the read that finds the end, and copies the last
 * short chunk into a buffer of its own, per song.
 */
function fileStream(absolute: string, start: number, size: number): Readable {
  return size > start ? fs.createReadStream(absolute, { start, end: size - 1 }) : Readable.from([]);
}

async function readHead(absolute: string): Promise<Buffer> {
  const handle = await fs.promises.open(absolute, "r");
  try {
    const head = Buffer.alloc(10);
    const { bytesRead } = await handle.read(head, 0, 10, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function clipFiles(clip: LibraryClipRow, ctx: ClipContext): Promise<ClipFiles> {
  const stem = entryStem(ctx.track, ctx.total, clip.title);
  const audio = await audioEntry(clip, ctx, stem);
  const entries: ZipFileEntry[] = typeof audio === "string" ? [] : [audio];
  const timed = clip.timedLyrics && clip.timedLyrics.length > 0 ? clip.timedLyrics : null;
  if (timed) {
    const lrc = toLrc(timed, { title: clip.title, artist: clip.ownerName, album: ctx.album });
    entries.push({ name: `${stem}.lrc`, mtime: clip.createdAt, compress: true, open: async () => Readable.from([Buffer.from(lrc, "utf8")]) });
  }
  const record = {
    id: clip.id,
    track: ctx.track,
    title: clip.title,
    style: clip.style,
    lyrics: clip.lyrics,
    duration: clip.duration,
    createdAt: clip.createdAt.toISOString(),
    creator: clip.ownerName,
    provider: ctx.providerName,
    model: clip.model,
    visibility: clip.visibility,
    ...(typeof audio === "string" ? { file: null, missing: true, reason: audio, message: MISSING_MESSAGES[audio] } : { file: audio.name }),
    lrc: timed ? `${stem}.lrc` : null,
  };
  return { entries, record };
}
