import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// Database files as files: an online copy, a check that a file is a sound Songloft
// database, and swapping one in. Everything here is synchronous and local.

/** Files holding the database or a copy of it are readable by the app's user only (SEC-18). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * A consistent copy in one statement. The stepwise backup API restarts whenever
 * another process writes, so under the poller's steady writes it may never finish;
 * VACUUM INTO reads one snapshot from start to end (REL-9). The file is created
 * empty with mode 0600 first, so the copy is never readable by others, not even briefly.
 */
export function copyDatabaseInto(sqlite: Database.Database, out: string) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, "", { mode: PRIVATE_FILE_MODE, flag: "wx" });
  try {
    sqlite.prepare("VACUUM INTO ?").run(out);
  } catch (err) {
    fs.rmSync(out, { force: true });
    throw err;
  }
}

/** Throws unless the file opens, passes integrity_check and carries Songloft's tables. */
export function assertSoundDatabase(file: string) {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`${file} is not a SQLite database (${(err as Error).message})`);
  }
  try {
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`${file} failed its integrity check: ${String(result)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    for (const table of ["__drizzle_migrations", "users", "providers", "clips"]) {
      if (!tables.has(table)) throw new Error(`${file} is not a Songloft database (no ${table} table)`);
    }
  } catch (err) {
    if (/^(file is not a database|database disk image is malformed)/.test((err as Error).message)) {
      throw new Error(`${file} is not a sound SQLite database (${(err as Error).message})`);
    }
    throw err;
  } finally {
    db.close();
  }
}

export interface StoredKeyRow {
  id: string;
  name: string;
  baseUrl: string;
  keyCiphertext: string;
}

/** The admin-added providers' stored keys in a database file (not the open one). */
export function readStoredKeys(file: string): StoredKeyRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT id, name, base_url AS baseUrl, key_ciphertext AS keyCiphertext FROM providers WHERE source = 'db' AND key_ciphertext IS NOT NULL")
      .all() as StoredKeyRow[];
  } finally {
    db.close();
  }
}

/** Folds the WAL into the main file so the database is one file, then closes. */
export function checkpointAndClose(sqlite: Database.Database) {
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}

/**
 * Moves `target` (and its -wal/-shm) aside as `aside`, then puts a private copy of
 * `source` in its place by rename, so a crash leaves either database whole.
 */
export function swapDatabaseFile(source: string, target: string, aside: string | null) {
  const staged = `${target}.restoring`;
  fs.rmSync(staged, { force: true });
  fs.copyFileSync(source, staged);
  fs.chmodSync(staged, PRIVATE_FILE_MODE);
  const fd = fs.openSync(staged, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  if (aside) fs.renameSync(target, aside);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(staged, target);
}
