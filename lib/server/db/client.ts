import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { env } from "@/lib/env";
import { PRIVATE_FILE_MODE } from "./backup";
import { runMigrations } from "./migrate";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const PRIVATE_DIR_MODE = 0o700;

type Cached = { db: Db; sqlite: Database.Database; file: string };

// One connection per process, kept on globalThis so dev hot reloads reuse it (REL-1).
const holder = globalThis as typeof globalThis & { __songloftDb?: Cached };

export function databaseFile(): string {
  return path.join(env().dataDir, "songloft.db");
}

/** Opens a connection with the pragmas the app relies on, and checks they took. */
export function openDatabase(file: string): Database.Database {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database must not be opened during `next build`");
  }
  securePermissions(path.dirname(file), file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  assertPragmas(sqlite);
  return sqlite;
}

export function assertPragmas(sqlite: Database.Database) {
  const journal = sqlite.pragma("journal_mode", { simple: true });
  const busy = Number(sqlite.pragma("busy_timeout", { simple: true }));
  const fk = Number(sqlite.pragma("foreign_keys", { simple: true }));
  if (journal !== "wal" || busy < 5000 || fk !== 1) {
    throw new Error(`SQLite settings not applied (journal_mode=${journal}, busy_timeout=${busy}, foreign_keys=${fk})`);
  }
}

/**
 * DATA_DIR holds the database, the media and the secret: only the app's user may
 * enter it (0700), and the database files are 0600 (SEC-18). Existing installs made
 * with looser modes are tightened on start.
 */
function securePermissions(dataDir: string, file: string) {
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dataDir, PRIVATE_DIR_MODE);
  // Created here (empty) when missing, so SQLite opens a 0600 file, and gives its WAL the same mode.
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

export function getDb(): Db {
  const file = databaseFile();
  const cached = holder.__songloftDb;
  if (cached && cached.file === file && cached.sqlite.open) return cached.db;
  const sqlite = openDatabase(file);
  runMigrations(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  holder.__songloftDb = { db, sqlite, file };
  return db;
}

/**
 * Builds something from the connection once (prepared statements, mostly) and hands
 * the same one back until the connection changes. Building and preparing a query
 * costs more than running it, and hot paths run theirs on every request (PERF-3).
 */
export function perConnection<T>(build: (db: Db) => T): () => T {
  const built = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let value = built.get(db);
    if (value === undefined) built.set(db, (value = build(db)));
    return value;
  };
}

/** Closes the process's connection (tests, CLI, graceful shutdown). */
export function closeDb() {
  const cached = holder.__songloftDb;
  if (cached?.sqlite.open) cached.sqlite.close();
  holder.__songloftDb = undefined;
}
