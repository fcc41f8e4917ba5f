import fs from "node:fs";
import path from "node:path";
import { getLease } from "@/lib/server/data/leases";
import { assertSoundDatabase, checkpointAndClose, copyDatabaseInto, readStoredKeys, swapDatabaseFile } from "@/lib/server/db/backup";
import { closeDb, databaseFile, getDb } from "@/lib/server/db/client";
import { POLLER_LEASE } from "@/lib/server/poller/poller";
import { openProviderKey } from "@/lib/server/providers/stored-key";
import { openStoredProviderKeys } from "@/lib/server/providers/registry";

// `db:backup` and `db:restore` (REL-9). A backup is the database alone; the secret
// that seals the stored vendor keys (DATA_DIR/secret, or AUTH_SECRET) must be kept
// with it, so a restore checks that this server's secret opens every stored key
// before it replaces anything.

export function backupDatabase(out: string): { bytes: number } {
  const target = path.resolve(out);
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new file`);
  copyDatabaseInto(getDb().$client, target);
  assertSoundDatabase(target);
  return { bytes: fs.statSync(target).size };
}

export interface RestoreResult {
  /** Where the database that was replaced now lies, or null when there was none. */
  previous: string | null;
}

export function restoreDatabase(from: string, now = new Date()): RestoreResult {
  const source = path.resolve(from);
  assertSoundDatabase(source);
  for (const row of readStoredKeys(source)) openProviderKey(row, row.keyCiphertext); // throws, naming the provider
  const target = databaseFile();
  if (path.resolve(target) === source) throw new Error("Restore from a backup file, not from the live database");
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    const lease = getLease(POLLER_LEASE);
    if (lease && lease.expiresAt.getTime() > now.getTime()) {
      throw new Error(`A Songloft server is running on ${path.dirname(target)} (it holds the poller lease until ${lease.expiresAt.toISOString()}). Stop it, then restore.`);
    }
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    checkpointAndClose(getDb().$client);
    closeDb();
  }
  swapDatabaseFile(source, target, previous);
  // A backup from an older version migrates now, and its keys get sealed to their providers.
  getDb();
  openStoredProviderKeys();
  return { previous };
}
