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
 */
export function runMigrations(sqlite: Database.Database, folder = migrationsFolder) {
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) {
      throw new Error(`Migration left ${broken.length} rows with broken foreign keys`);
    }
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}
