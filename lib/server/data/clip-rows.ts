import type Database from "better-sqlite3";
import { getTableColumns, sql } from "drizzle-orm";
import { perConnection } from "@/lib/server/db/client";
import { clips, type ClipRow } from "@/lib/server/db/schema";

// A clip as lists and pages show it: the row plus its owner's name, whether the
// viewer starred it and whether its audio is archived. Shared by the hand-written
// library queries and the Drizzle ones so both return the same shape.

export type LibraryClipRow = ClipRow & { ownerName: string; starred: boolean; archived: boolean };

const columns = Object.entries(getTableColumns(clips));

/** The extra columns, for Drizzle selects (`viewerId` decides `starred`). */
export function libraryExtras(viewerId: string) {
  return {
    ownerName: sql<string>`(select u.name from users u where u.id = ${clips.ownerId})`.as("owner_name"),
    starred: sql<number>`exists (select 1 from stars s where s.user_id = ${viewerId} and s.clip_id = ${clips.id})`.as("starred"),
    archived: sql<number>`exists (select 1 from media_files m indexed by media_clip_archived_idx where m.clip_id = ${clips.id} and m.kind = 'audio' and m.status = 'archived')`.as("archived"),
  };
}

export function librarySelection(viewerId: string) {
  return { ...getTableColumns(clips), ...libraryExtras(viewerId) };
}

/**
 * The same extras in hand-written SQL over `clips c`, with the viewer bound as `@viewer`.
 * "Archived?" reads the partial index of archived media alone (SQLite would otherwise
 * pick the unique (clip, kind) index and read each media row for its status).
 */
export const LIBRARY_SELECT = `c.*,
  (SELECT u.name FROM users u WHERE u.id = c.owner_id) AS owner_name,
  EXISTS (SELECT 1 FROM stars s WHERE s.user_id = @viewer AND s.clip_id = c.id) AS starred,
  EXISTS (SELECT 1 FROM media_files m INDEXED BY media_clip_archived_idx WHERE m.clip_id = c.id AND m.kind = 'audio' AND m.status = 'archived') AS archived`;

/** Maps a raw `LIBRARY_SELECT` row through Drizzle's own column decoders (timestamps → Date). */
export function fromRawRow(raw: Record<string, unknown>): LibraryClipRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  out.ownerName = raw.owner_name ?? "";
  out.starred = raw.starred === 1;
  out.archived = raw.archived === 1;
  return out as LibraryClipRow;
}

/** Drizzle returns the EXISTS columns as 0/1. */
export function fromDrizzleRow(row: ClipRow & { ownerName: string | null; starred: number | boolean; archived: number | boolean }): LibraryClipRow {
  return { ...row, ownerName: row.ownerName ?? "", starred: Boolean(row.starred), archived: Boolean(row.archived) };
}

// Prepared statements per connection: the library runs a handful of query shapes
// thousands of times, and preparing dominates the cost of a page of rows.
const statements = perConnection((db) => ({ sqlite: db.$client, byText: new Map<string, Database.Statement>() }));

export function prepared(text: string): Database.Statement {
  const { sqlite, byText } = statements();
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = sqlite.prepare(text)));
  return statement;
}
