import path from "node:path";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Applies pending migrations. drizzle-kit rebuilds SQLite tables by copying them;
 * with foreign keys on, dropping the old table would cascade-delete child rows, and
 * the PRAGMA inside a migration is a no-op within Drizzle's transaction. So keys are
 * switched off around the run and checked afterwards (REL-3).
 *
 * The check reads every row of every table with a foreign key, which grows with the
 * library (0.1–0.3 s at 100,000 clips, up to 1 s with a cold cache), so it runs only
 * after a migration was applied, not on every server start and CLI command.
 */
export function runMigrations(sqlite: Database.Database, folder = migrationsFolder) {
  sqlite.pragma("foreign_keys = OFF");
  try {
    const before = appliedCount(sqlite);
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    if (appliedCount(sqlite) === before) return;
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) {
      throw new Error(`Migration left ${broken.length} rows with broken foreign keys`);
    }
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

/** Migrations recorded in Drizzle's own table; 0 before the first run creates it. */
function appliedCount(sqlite: Database.Database): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return 0;
  return (sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
}
