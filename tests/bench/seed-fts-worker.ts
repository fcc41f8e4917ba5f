import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { benchId, clipText, takeTitle, textRng } from "./clip-generator";

// Builds the clips full-text index into its own database file on the second core
// while the main thread writes the base tables; seed.ts then copies the finished
// FTS5 shadow tables across. The text comes from the same seeded generator.

export interface FtsJob {
  file: string;
  clips: number;
  createSql: string;
}

function buildFtsFile(job: FtsJob) {
  const db = new Database(job.file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.exec(job.createSql);
  const insert = db.prepare("INSERT INTO clips_fts (rowid, clip_id, title, lyrics, style, prompt) VALUES (?, ?, ?, ?, ?, ?)");
  const batch = db.transaction((from: number, to: number) => {
    for (let t = from; t < to; t += 2) {
      const text = clipText(textRng(t));
      for (let k = 0; k < 2 && t + k < job.clips; k++) {
        insert.run(t + k + 1, benchId("clip", t + k), takeTitle(text.title, k), text.lyrics ?? "", text.style, text.prompt ?? "");
      }
    }
  });
  // Large transactions let FTS5 flush big segments, so there is little merging to do.
  for (let from = 0; from < job.clips; from += 100_000) batch(from, Math.min(job.clips, from + 100_000));
  db.close();
}

if (parentPort && workerData) {
  buildFtsFile(workerData as FtsJob);
  parentPort.postMessage("done");
}
