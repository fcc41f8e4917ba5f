import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clipWaveforms, mediaFiles } from "@/lib/server/db/schema";

// The clip_waveforms table is both the store of each clip's peaks and the worker's
// queue: a row is pending until its audio is decoded (ready) or found undecodable (failed).

export type WaveformStatus = "pending" | "ready" | "failed";

/** Queues a clip's waveform (again): its archived audio is new or changed. One statement, fine inside a transaction. */
export function queueWaveform(clipId: string, now: Date): void {
  getDb()
    .insert(clipWaveforms)
    .values({ clipId, status: "pending", updatedAt: now })
    .onConflictDoUpdate({ target: clipWaveforms.clipId, set: { status: "pending", peaks: null, error: null, updatedAt: now } })
    .run();
}

/** The pending clip that waited longest, or null. */
export function nextPendingWaveform(): string | null {
  return (
    getDb()
      .select({ clipId: clipWaveforms.clipId })
      .from(clipWaveforms)
      // A literal, not a parameter: only then does SQLite use the partial index of pending rows.
      .where(sql`${clipWaveforms.status} = 'pending'`)
      .orderBy(asc(clipWaveforms.updatedAt))
      .limit(1)
      .get()?.clipId ?? null
  );
}

export function getWaveformStatus(clipId: string): WaveformStatus | null {
  return getDb().select({ status: clipWaveforms.status }).from(clipWaveforms).where(eq(clipWaveforms.clipId, clipId)).get()?.status ?? null;
}

export function saveWaveformPeaks(clipId: string, peaks: Buffer, now: Date): void {
  getDb()
    .insert(clipWaveforms)
    .values({ clipId, status: "ready", peaks, updatedAt: now })
    .onConflictDoUpdate({ target: clipWaveforms.clipId, set: { status: "ready", peaks, error: null, updatedAt: now } })
    .run();
}

/** Records that the audio could not be decoded: the clip keeps the plain seek bar and is not tried again. */
export function saveWaveformFailure(clipId: string, error: string, now: Date): void {
  getDb()
    .insert(clipWaveforms)
    .values({ clipId, status: "failed", error, updatedAt: now })
    .onConflictDoUpdate({ target: clipWaveforms.clipId, set: { status: "failed", peaks: null, error, updatedAt: now } })
    .run();
}

/** Drops a queue entry whose clip has no archived audio (any more): archiving it queues it again. */
export function forgetWaveform(clipId: string): void {
  getDb().delete(clipWaveforms).where(eq(clipWaveforms.clipId, clipId)).run();
}

/** Where the clip's archived audio file is (relative to DATA_DIR/media), or null. */
export function archivedAudioPath(clipId: string): string | null {
  const row = getDb()
    .select({ path: mediaFiles.path })
    .from(mediaFiles)
    .where(and(eq(mediaFiles.clipId, clipId), eq(mediaFiles.kind, "audio"), eq(mediaFiles.status, "archived")))
    .get();
  return row?.path ?? null;
}
