import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { uploads, type NewUploadRow, type UploadRow } from "@/lib/server/db/schema";

// Uploaded audio files. Only their owner uses them as the source of an extend or a
// cover; the vendor reads the file through a signed link, never through these rows.

export function insertUpload(values: NewUploadRow & { id: string }): UploadRow {
  return getDb().insert(uploads).values(values).returning().get();
}

export function getUploadRow(id: string): UploadRow | undefined {
  return getDb().select().from(uploads).where(eq(uploads.id, id)).get();
}

export function getUploadForOwner(id: string, ownerId: string): UploadRow | undefined {
  return getDb()
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.ownerId, ownerId)))
    .get();
}
