import { and, asc, count, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, mediaFiles, providers, type ClipRow, type MediaFile } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

// The media_files table is both the archive index and its retry queue: a row is
// pending until a download lands (archived) or the attempts run out (failed).

export type MediaRowKind = MediaFile["kind"];

export interface PendingMedia {
  clipId: string;
  kind: MediaRowKind;
  sourceUrl: string;
}

/**
 * One statement, so it is atomic on its own and safe inside a caller's transaction.
 * A row that is not archived yet follows a changed source URL and starts over.
 */
export function upsertPendingMedia(rows: PendingMedia[], now: Date): void {
  if (rows.length === 0) return;
  getDb()
    .insert(mediaFiles)
    .values(rows.map((r) => ({ id: newId(), ...r, status: "pending" as const, nextAttemptAt: now })))
    .onConflictDoUpdate({
      target: [mediaFiles.clipId, mediaFiles.kind],
      set: { sourceUrl: sql`excluded.source_url`, status: "pending", attempts: 0, nextAttemptAt: now, lastError: null },
      setWhere: and(ne(mediaFiles.status, "archived"), ne(mediaFiles.sourceUrl, sql`excluded.source_url`)),
    })
    .run();
}

/**
 * Takes up to `limit` due rows and leases them until `leaseUntil`, counting the
 * attempt now, so a crash mid-download still uses one up and a second runner skips them.
 */
export function claimDueMedia(now: Date, limit: number, leaseUntil: Date): MediaFile[] {
  const db = getDb();
  // IMMEDIATE: the read and the update are one write, so a second writer cannot slip between them (REL-12).
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ id: mediaFiles.id })
        .from(mediaFiles)
        .where(and(eq(mediaFiles.status, "pending"), lte(mediaFiles.nextAttemptAt, now)))
        .orderBy(asc(mediaFiles.nextAttemptAt))
        .limit(limit)
        .all()
        .map((r) => r.id);
      if (due.length === 0) return [];
      return tx
        .update(mediaFiles)
        .set({ attempts: sql`${mediaFiles.attempts} + 1`, nextAttemptAt: leaseUntil })
        .where(and(inArray(mediaFiles.id, due), eq(mediaFiles.status, "pending")))
        .returning()
        .all();
    },
    { behavior: "immediate" },
  );
}

/** False when the row vanished (clip purged) or changed source meanwhile: the caller drops its file. */
export function markMediaArchived(row: Pick<MediaFile, "id" | "sourceUrl">, values: { path: string; contentType: string; size: number; sha256: string }, now: Date): boolean {
  const result = getDb()
    .update(mediaFiles)
    .set({ ...values, status: "archived", archivedAt: now, lastError: null, nextAttemptAt: null })
    .where(and(eq(mediaFiles.id, row.id), eq(mediaFiles.status, "pending"), eq(mediaFiles.sourceUrl, row.sourceUrl)))
    .run();
  return result.changes > 0;
}

export function markMediaAttemptFailed(row: Pick<MediaFile, "id" | "sourceUrl">, values: { giveUp: boolean; nextAttemptAt: Date | null; lastError: string }): void {
  getDb()
    .update(mediaFiles)
    .set({ status: values.giveUp ? "failed" : "pending", nextAttemptAt: values.giveUp ? null : values.nextAttemptAt, lastError: values.lastError })
    .where(and(eq(mediaFiles.id, row.id), eq(mediaFiles.status, "pending"), eq(mediaFiles.sourceUrl, row.sourceUrl)))
    .run();
}

/**
 * Gives a claimed row back without spending its attempt: the failure was ours (a full
 * disk), not the file's, so it waits for the queue to resume.
 */
export function releaseMediaClaim(row: Pick<MediaFile, "id" | "sourceUrl">, values: { nextAttemptAt: Date; lastError: string | null }): void {
  getDb()
    .update(mediaFiles)
    .set({ attempts: sql`max(${mediaFiles.attempts} - 1, 0)`, nextAttemptAt: values.nextAttemptAt, lastError: values.lastError })
    .where(and(eq(mediaFiles.id, row.id), eq(mediaFiles.status, "pending"), eq(mediaFiles.sourceUrl, row.sourceUrl)))
    .run();
}

/** Rows whose attempts ran out: their songs have no archived copy. */
export function countFailedMedia(): number {
  return getDb().select({ n: count() }).from(mediaFiles).where(eq(mediaFiles.status, "failed")).get()?.n ?? 0;
}

export function listFailedMedia(limit: number): Pick<MediaFile, "clipId" | "kind" | "attempts" | "lastError">[] {
  return getDb()
    .select({ clipId: mediaFiles.clipId, kind: mediaFiles.kind, attempts: mediaFiles.attempts, lastError: mediaFiles.lastError })
    .from(mediaFiles)
    .where(eq(mediaFiles.status, "failed"))
    .limit(limit)
    .all();
}

/** Puts every failed row back in the queue with fresh attempts; answers how many. */
export function requeueFailedMedia(now: Date): number {
  return getDb().update(mediaFiles).set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null }).where(eq(mediaFiles.status, "failed")).run().changes;
}

export function getMediaFile(clipId: string, kind: MediaRowKind): MediaFile | undefined {
  return getDb()
    .select()
    .from(mediaFiles)
    .where(and(eq(mediaFiles.clipId, clipId), eq(mediaFiles.kind, kind)))
    .get();
}

export function listMediaFilesForClip(clipId: string): MediaFile[] {
  return getDb().select().from(mediaFiles).where(eq(mediaFiles.clipId, clipId)).all();
}

/** Archived rows in id order, a page at a time, so verifying a large archive stays flat in memory. */
export function listArchivedMediaAfter(afterId: string, limit: number): MediaFile[] {
  return getDb()
    .select()
    .from(mediaFiles)
    .where(and(eq(mediaFiles.status, "archived"), gt(mediaFiles.id, afterId)))
    .orderBy(asc(mediaFiles.id))
    .limit(limit)
    .all();
}

export function deleteMediaRowsForClip(clipId: string): void {
  getDb().delete(mediaFiles).where(eq(mediaFiles.clipId, clipId)).run();
}

export type ClipMediaSource = Pick<ClipRow, "id" | "providerId" | "state" | "audioUrl" | "imageUrl" | "imageLargeUrl" | "videoUrl" | "wavUrl">;

/** The clip's final URLs and its provider (whose adapter may render the media itself). */
export function getClipMediaSource(clipId: string): ClipMediaSource | undefined {
  return getDb()
    .select({
      id: clips.id,
      providerId: clips.providerId,
      state: clips.state,
      audioUrl: clips.audioUrl,
      imageUrl: clips.imageUrl,
      imageLargeUrl: clips.imageLargeUrl,
      videoUrl: clips.videoUrl,
      wavUrl: clips.wavUrl,
    })
    .from(clips)
    .where(eq(clips.id, clipId))
    .get();
}

export function listProviderBaseUrls(): string[] {
  return getDb()
    .select({ baseUrl: providers.baseUrl })
    .from(providers)
    .all()
    .map((r) => r.baseUrl)
    .filter(Boolean);
}
