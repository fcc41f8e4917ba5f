import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, shares, users, type ClipRow, type ShareRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

export function insertShare(values: { id?: string; tokenHash: string; tokenCiphertext: string; ownerId: string; clipId: string; expiresAt: Date | null }): ShareRow {
  return getDb()
    .insert(shares)
    .values({ ...values, id: values.id ?? newId() })
    .returning()
    .get();
}

/** The owner's shares, newest first, with the title of what each shares. */
export function listSharesForOwner(ownerId: string, limit = 200) {
  return getDb()
    .select({ share: shares, clipTitle: clips.title, clipDeletedAt: clips.deletedAt })
    .from(shares)
    .innerJoin(clips, eq(clips.id, shares.clipId))
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

/** A share with its clip and the creator's display name (never their email). */
export function getShareByTokenHash(tokenHash: string): { share: ShareRow; clip: ClipRow; creatorName: string } | undefined {
  return getDb()
    .select({ share: shares, clip: clips, creatorName: users.name })
    .from(shares)
    .innerJoin(clips, eq(clips.id, shares.clipId))
    .innerJoin(users, eq(users.id, clips.ownerId))
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

export function recordShareView(shareId: string, now = new Date()) {
  getDb()
    .update(shares)
    .set({ views: sql`${shares.views} + 1`, lastViewedAt: now })
    .where(eq(shares.id, shareId))
    .run();
}
