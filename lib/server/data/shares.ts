import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, playlists, shares, users, type ClipRow, type ShareRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

/** What a share shows: one clip or one playlist. */
export type ShareSubject = { clipId: string; playlistId?: undefined } | { playlistId: string; clipId?: undefined };

export function insertShare(values: { id?: string; tokenHash: string; tokenCiphertext: string; ownerId: string; expiresAt: Date | null } & ShareSubject): ShareRow {
  return getDb()
    .insert(shares)
    .values({ ...values, id: values.id ?? newId() })
    .returning()
    .get();
}

/** The owner's shares, newest first, with the title of what each shares (a clip or a playlist). */
export function listSharesForOwner(ownerId: string, limit = 200) {
  return getDb()
    .select({ share: shares, clipTitle: clips.title, clipDeletedAt: clips.deletedAt, playlistName: playlists.name })
    .from(shares)
    .leftJoin(clips, eq(clips.id, shares.clipId))
    .leftJoin(playlists, eq(playlists.id, shares.playlistId))
    .where(eq(shares.ownerId, ownerId))
    .orderBy(desc(shares.createdAt))
    .limit(limit)
    .all();
}

export function listSharesForClip(ownerId: string, clipId: string): ShareRow[] {
  return getDb()
    .select()
    .from(shares)
    .where(and(eq(shares.clipId, clipId), eq(shares.ownerId, ownerId)))
    .orderBy(desc(shares.createdAt))
    .all();
}

export function listSharesForPlaylist(ownerId: string, playlistId: string): ShareRow[] {
  return getDb()
    .select()
    .from(shares)
    .where(and(eq(shares.playlistId, playlistId), eq(shares.ownerId, ownerId)))
    .orderBy(desc(shares.createdAt))
    .all();
}

/** A share with, for a clip share, its clip and the creator's display name (never their email); a playlist share has neither. */
export function getShareByTokenHash(tokenHash: string): { share: ShareRow; clip: ClipRow | null; creatorName: string | null } | undefined {
  return getDb()
    .select({ share: shares, clip: clips, creatorName: users.name })
    .from(shares)
    .leftJoin(clips, eq(clips.id, shares.clipId))
    .leftJoin(users, eq(users.id, clips.ownerId))
    .where(eq(shares.tokenHash, tokenHash))
    .get();
}

/** Revokes one share of the owner's; false when there is none of theirs with that id. */
export function deleteShareForOwner(ownerId: string, shareId: string): boolean {
  return (
    getDb()
      .delete(shares)
      .where(and(eq(shares.id, shareId), eq(shares.ownerId, ownerId)))
      .run().changes === 1
  );
}

/** A playlist's links, removed with it (the column has no ON DELETE action: see schema.ts). */
export function deleteSharesForPlaylist(playlistId: string) {
  getDb().delete(shares).where(eq(shares.playlistId, playlistId)).run();
}

export function recordShareView(shareId: string, now = new Date()) {
  getDb()
    .update(shares)
    .set({ views: sql`${shares.views} + 1`, lastViewedAt: now })
    .where(eq(shares.id, shareId))
    .run();
}
