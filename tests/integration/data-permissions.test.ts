import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { closeDb, getDb } from "@/lib/server/db/client";
import { appSecret, resetSecretCache } from "@/lib/server/secret";

// SEC-18: DATA_DIR is 0700 and the database files 0600, on a fresh install and on an
// install made before, whose looser modes are tightened when the app starts.

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const dirs: string[] = [];

function startIn(dataDir: string) {
  closeDb();
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  resetSecretCache();
  appSecret();
  getDb().$client.prepare("INSERT INTO leases (name, holder, expires_at, heartbeat_at) VALUES ('probe', 'test', 0, 0)").run();
}

afterAll(() => {
  closeDb();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("file modes at rest (SEC-18)", () => {
  it("a fresh DATA_DIR is 0700, its database, WAL and secret 0600", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-modes-"));
    dirs.push(parent);
    const dataDir = path.join(parent, "data");
    startIn(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ["songloft.db", "songloft.db-wal", "songloft.db-shm", "secret"]) expect(mode(path.join(dataDir, name)), name).toBe(0o600);
  });

  it("an existing install with loose modes is tightened on start", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-loose-"));
    dirs.push(dataDir);
    const file = path.join(dataDir, "songloft.db");
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    fs.chmodSync(dataDir, 0o755);
    for (const name of ["songloft.db", "songloft.db-wal", "songloft.db-shm"]) fs.chmodSync(path.join(dataDir, name), 0o644);
    old.close();
    fs.chmodSync(file, 0o644);
    startIn(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ["songloft.db", "songloft.db-wal", "songloft.db-shm"]) expect(mode(path.join(dataDir, name)), name).toBe(0o600);
  });
});
