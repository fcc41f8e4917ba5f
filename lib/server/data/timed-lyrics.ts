import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, type ClipRow } from "@/lib/server/db/schema";

// A clip's timed lyrics are fetched from the vendor once and kept on the clip row.

export type StoredTimedLyrics = NonNullable<ClipRow["timedLyrics"]>;

/**
 * Keeps the first answer: a second process that fetched at the same time finds the
 * column already set and changes nothing. True when this call stored the lines.
 */
export function storeTimedLyrics(clipId: string, lines: StoredTimedLyrics): boolean {
  return (
    getDb()
      .update(clips)
      .set({ timedLyrics: lines })
      .where(and(eq(clips.id, clipId), isNull(clips.timedLyrics)))
      .run().changes > 0
  );
}
