import type Database from "better-sqlite3";
import { getTableColumns } from "drizzle-orm";
import { perConnection } from "@/lib/server/db/client";
import { clips, type ClipRow } from "@/lib/server/db/schema";

// A clip as lists and pages show it: the row plus its owner's name, whether the
// viewer starred it, whether its audio is archived and its waveform's peaks. Every list, page and API read
// of a clip returns this shape.

interface Extras {
  ownerName: string;
  starred: boolean;
  archived: boolean;
  /** One byte per point, once the waveform worker decoded the archived audio. */
  waveform: Buffer | null;
}

export type LibraryClipRow = ClipRow & Extras;

const columns = Object.entries(getTableColumns(clips));

/**
 * The extras, written once in SQL over `clips c` with the viewer bound as `@viewer`
 * (every read of a clip with extras goes through LIBRARY_SELECT or SUMMARY_SELECT).
 * Columns are qualified by hand: an unqualified `id` inside a subquery would bind to
 * the subquery's own table. "Archived?" reads the partial index of archived media
 * alone (SQLite would otherwise pick the unique (clip, kind) index and read each
 * media row for its status).
 */
const LIBRARY_EXTRAS = `(SELECT u.name FROM users u WHERE u.id = c.owner_id) AS owner_name,
  EXISTS (SELECT 1 FROM stars s WHERE s.user_id = @viewer AND s.clip_id = c.id) AS starred,
  EXISTS (SELECT 1 FROM media_files m INDEXED BY media_clip_archived_idx WHERE m.clip_id = c.id AND m.kind = 'audio' AND m.status = 'archived') AS archived,
  (SELECT w.peaks FROM clip_waveforms w WHERE w.clip_id = c.id) AS waveform`;

export const LIBRARY_SELECT = `c.*, ${LIBRARY_EXTRAS}`;

/** What a list row shows. Lyrics, prompt and vendor details stay in the table: a page reads and maps a fraction of the row. */
const SUMMARY_KEYS = [
  "id",
  "ownerId",
  "providerId",
  "title",
  "style",
  "model",
  "duration",
  "state",
  "audioUrl",
  "streamAudioUrl",
  "imageUrl",
  "imageLargeUrl",
  "visibility",
  "createdAt",
  "deletedAt",
] as const satisfies readonly (keyof ClipRow)[];

export type ClipSummaryColumn = (typeof SUMMARY_KEYS)[number];
export type ClipSummaryRow = Pick<ClipRow, ClipSummaryColumn> & Extras;

const summaryColumns = columns.filter(([key]) => (SUMMARY_KEYS as readonly string[]).includes(key));

/** `LIBRARY_SELECT` narrowed to the summary's columns, for lists. */
export const SUMMARY_SELECT = `${summaryColumns.map(([, column]) => `c.${column.name}`).join(", ")}, ${LIBRARY_EXTRAS}`;

/** Raw rows through Drizzle's own column decoders (timestamps → Date), plus the extras. */
function rawRowMapper<T>(selected: typeof columns) {
  return (raw: Record<string, unknown>): T => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of selected) {
      const value = raw[column.name];
      out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    out.ownerName = raw.owner_name ?? "";
    out.starred = raw.starred === 1;
    out.archived = raw.archived === 1;
    out.waveform = raw.waveform instanceof Uint8Array ? Buffer.from(raw.waveform) : null;
    return out as T;
  };
}

/** Maps a raw `LIBRARY_SELECT` row. */
export const fromRawRow = rawRowMapper<LibraryClipRow>(columns);
/** Maps a raw `SUMMARY_SELECT` row. */
export const fromSummaryRow = rawRowMapper<ClipSummaryRow>(summaryColumns);

// Prepared statements per connection: the library runs a handful of query shapes
// thousands of times, and preparing dominates the cost of a page of rows.
const statements = perConnection((db) => ({ sqlite: db.$client, byText: new Map<string, Database.Statement>() }));

export function prepared(text: string): Database.Statement {
  const { sqlite, byText } = statements();
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = sqlite.prepare(text)));
  return statement;
}
