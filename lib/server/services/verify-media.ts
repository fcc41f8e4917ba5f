import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { countFailedMedia, listArchivedMediaAfter, listFailedMedia, requeueFailedMedia } from "@/lib/server/data/media";
import type { MediaFile } from "@/lib/server/db/schema";
import { mediaKindOf, type MediaKind } from "@/lib/server/media/content-types";
import { absoluteMediaPath } from "@/lib/server/media/storage";

// `media:verify`: re-hashes every archived file against the sha256 and size recorded
// when it was stored, and counts the downloads that failed for good (REL-10).
// Read-only: it reports, an operator decides (`media:retry-failed` re-queues).

export interface MissingMedia {
  clipId: string;
  kind: MediaKind;
  path: string | null;
}

export interface CorruptMedia {
  clipId: string;
  kind: MediaKind;
  path: string;
  expected: { size: number | null; sha256: string | null };
  actual: { size: number; sha256: string };
}

export interface FailedMedia {
  clipId: string;
  kind: MediaKind;
  attempts: number;
  lastError: string | null;
}

export interface MediaVerifyReport {
  checked: number;
  ok: number;
  missing: MissingMedia[];
  corrupt: CorruptMedia[];
  /** Every failed row is counted; the first ones are listed. */
  failed: { count: number; first: FailedMedia[] };
}

const FAILED_LISTED = 50;

const PAGE = 200;

async function hashFile(absolute: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  await pipeline(fs.createReadStream(absolute), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      size += chunk.length;
      hash.update(chunk);
    }
  });
  return { size, sha256: hash.digest("hex") };
}

async function verifyOne(row: MediaFile, report: MediaVerifyReport): Promise<void> {
  report.checked++;
  const kind = mediaKindOf(row.kind);
  let absolute: string;
  try {
    if (!row.path) throw new Error("no path recorded");
    absolute = absoluteMediaPath(row.path);
    if (!(await fs.promises.stat(absolute)).isFile()) throw new Error("not a file");
  } catch {
    report.missing.push({ clipId: row.clipId, kind, path: row.path });
    return;
  }
  const actual = await hashFile(absolute);
  if (actual.sha256 === row.sha256 && actual.size === row.size) {
    report.ok++;
    return;
  }
  report.corrupt.push({ clipId: row.clipId, kind, path: row.path!, expected: { size: row.size, sha256: row.sha256 }, actual });
}

export async function verifyMediaArchive(): Promise<MediaVerifyReport> {
  const failed = countFailedMedia();
  const first = listFailedMedia(FAILED_LISTED).map((r) => ({ ...r, kind: mediaKindOf(r.kind) }));
  const report: MediaVerifyReport = { checked: 0, ok: 0, missing: [], corrupt: [], failed: { count: failed, first } };
  let after = "";
  for (;;) {
    const rows = listArchivedMediaAfter(after, PAGE);
    if (rows.length === 0) break;
    // Two at a time: one file hashing while the next is read from disk.
    for (let i = 0; i < rows.length; i += 2) await Promise.all(rows.slice(i, i + 2).map((row) => verifyOne(row, report)));
    after = rows[rows.length - 1].id;
  }
  return report;
}

/** `media:retry-failed`: every failed row goes back in the queue with fresh attempts. */
export function retryFailedMedia(now = new Date()): number {
  return requeueFailedMedia(now);
}
