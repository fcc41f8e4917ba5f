import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

// Builds the clips full-text index into its own database file on the second core
// while the main thread writes the base tables; the main thread sends each batch's
// text as it goes, and seed.ts copies the finished FTS5 shadow tables across.

export interface FtsJob {
  file: string;
  createSql: string;
}

/** rowid, clip id, title, lyrics, style, prompt. */
export type FtsRow = [number, string, string, string, string, string];
export type FtsMessage = { rows: FtsRow[] } | { done: true };

if (parentPort && workerData) {
  const port = parentPort;
  const job = workerData as FtsJob;
  const db = new Database(job.file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.exec(job.createSql);
  // No incremental merging while loading (crisis merges still bound the segment
  // count); seed.ts restores the default after copying the index in.
  db.exec("INSERT INTO clips_fts (clips_fts, rank) VALUES ('automerge', 0)");
  const insert = db.prepare("INSERT INTO clips_fts (rowid, clip_id, title, lyrics, style, prompt) VALUES (?, ?, ?, ?, ?, ?)");
  const write = db.transaction((rows: FtsRow[]) => {
    for (const row of rows) insert.run(row);
  });
  port.on("message", (message: FtsMessage) => {
    if ("rows" in message) return write(message.rows);
    db.close();
    port.postMessage("done");
    port.close();
  });
}
