import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { assertPragmas, openDatabase } from "@/lib/server/db/client";
import { migrationsFolder, runMigrations } from "@/lib/server/db/migrate";

// REL-3: migrations applied to a database full of rows keep every row, including
// child rows that a table rebuild with cascades could silently delete. REL-1: the
// connection's pragmas are asserted.

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
  entries: { idx: number; when: number; tag: string }[];
};

function partialFolder(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-migrations-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const entries = journal.entries.slice(0, count);
  for (const e of entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return dir;
}

function seed(db: Database.Database) {
  const now = Date.now();
  db.prepare("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, 'x', 'admin', ?)").run("u1", "a@example.test", "A", now);
  db.prepare("INSERT INTO providers (id, name, protocol, source, created_at) VALUES ('demo', 'Demo', 'demo', 'env', ?)").run(now);
  db.prepare("INSERT INTO api_tokens (id, user_id, name, token_hash, hint, created_at) VALUES ('t1', 'u1', 'n', 'h', 'abcd', ?)").run(now);
  for (let i = 0; i < 20; i++) {
    db.prepare("INSERT INTO tasks (id, owner_id, provider_id, kind, request, status, created_at) VALUES (?, 'u1', 'demo', 'music', '{}', 'succeeded', ?)").run(`task${i}`, now + i);
    db.prepare("INSERT INTO task_events (task_id, at, status) VALUES (?, ?, 'succeeded')").run(`task${i}`, now);
    for (const take of [0, 1]) {
      const id = `clip${i}-${take}`;
      db.prepare("INSERT INTO clips (id, task_id, owner_id, provider_id, vendor_clip_id, title, lyrics, created_at) VALUES (?, ?, 'u1', 'demo', ?, ?, '[Verse] 你好世界', ?)").run(
        id,
        `task${i}`,
        id,
        `Song ${i}`,
        now + i,
      );
      db.prepare("INSERT INTO stars (user_id, clip_id, created_at) VALUES ('u1', ?, ?)").run(id, now);
      db.prepare("INSERT INTO media_files (id, clip_id, kind, source_url, created_at) VALUES (?, ?, 'audio', 'https://cdn1.suno.ai/x.mp3', ?)").run(`m-${id}`, id, now);
    }
  }
}

const TABLES = ["users", "providers", "api_tokens", "tasks", "task_events", "clips", "stars", "media_files"];
const counts = (db: Database.Database) => Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

describe("migrations", () => {
  it("have strictly increasing journal timestamps", () => {
    const whens = journal.entries.map((e) => e.when);
    for (let i = 1; i < whens.length; i++) expect(whens[i]).toBeGreaterThan(whens[i - 1]);
  });

  it("keep every row when later migrations run on a seeded database", () => {
    // Seed after the first migration that creates the tables, then apply all the rest.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "songloft-mig-")), "songloft.db");
    const db = openDatabase(file);
    runMigrations(db, partialFolder(1));
    seed(db);
    const before = counts(db);
    runMigrations(db);
    expect(counts(db)).toEqual(before);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    assertPragmas(db);
    // The search index was filled from the rows that existed before it.
    const hits = db.prepare("SELECT count(*) AS n FROM clips_fts WHERE clips_fts MATCH ?").get('"你好世"') as { n: number };
    expect(hits.n).toBe(40);
    db.close();
  });

  it("make the first admin of an existing install its owner, and only one", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "songloft-mig-")), "songloft.db");
    const db = openDatabase(file);
    const ownerMigration = journal.entries.findIndex((e) => e.tag.endsWith("_owner"));
    runMigrations(db, partialFolder(ownerMigration));
    const add = db.prepare("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, 'x', ?, ?)");
    add.run("member-first", "m@example.test", "M", "member", 1);
    add.run("admin-first", "a@example.test", "A", "admin", 2);
    add.run("admin-later", "b@example.test", "B", "admin", 3);
    runMigrations(db);
    expect(db.prepare("SELECT id FROM users WHERE is_owner = 1").all()).toEqual([{ id: "admin-first" }]);
    expect(() => db.prepare("UPDATE users SET is_owner = 1 WHERE id = 'admin-later'").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it("count the tasks and clips made before the usage counters existed", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "songloft-mig-")), "songloft.db");
    const db = openDatabase(file);
    runMigrations(db, partialFolder(journal.entries.findIndex((e) => e.tag.endsWith("_usage_counters"))));
    db.prepare(
      "INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'a@example.test', 'A', 'x', 'admin', 1), ('u2', 'b@example.test', 'B', 'x', 'member', 1)",
    ).run();
    db.prepare("INSERT INTO providers (id, name, protocol, source, created_at) VALUES ('demo', 'Demo', 'demo', 'env', 1)").run();
    const task = db.prepare("INSERT INTO tasks (id, owner_id, provider_id, kind, request, status, error_code, created_at) VALUES (?, ?, 'demo', 'music', '{}', ?, ?, ?)");
    task.run("late-january", "u1", "failed", "moderation", Date.parse("2024-01-31T23:59:59.999Z"));
    task.run("first-of-february", "u1", "succeeded", null, Date.parse("2024-02-01T00:00:00Z"));
    task.run("no-reason", "u2", "failed", null, Date.parse("2024-02-15T12:00:00Z"));
    for (const take of [0, 1]) {
      db.prepare("INSERT INTO clips (id, task_id, owner_id, provider_id, vendor_clip_id, created_at, deleted_at) VALUES (?, 'first-of-february', 'u1', 'demo', ?, ?, ?)").run(
        `c${take}`,
        `v${take}`,
        Date.parse("2024-02-01T00:00:00Z"),
        take === 1 ? Date.now() : null,
      );
    }
    runMigrations(db);
    const rows = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).raw().all();
    expect(rows("usage_days")).toEqual([
      ["2024-01-31", "u1", "demo", 1, 1, 0],
      ["2024-02-01", "u1", "demo", 1, 0, 2],
      ["2024-02-15", "u2", "demo", 1, 1, 0],
    ]);
    expect(rows("usage_months")).toEqual([
      ["2024-01", "u1", "demo", 1, 1, 0],
      ["2024-02", "u1", "demo", 1, 0, 2],
      ["2024-02", "u2", "demo", 1, 1, 0],
    ]);
    expect(rows("usage_failure_days")).toEqual([
      ["2024-01-31", "moderation", 1],
      ["2024-02-15", "unknown", 1],
    ]);
    expect(rows("usage_failure_months")).toEqual([
      ["2024-01", "moderation", 1],
      ["2024-02", "unknown", 1],
    ]);
    // From here on the triggers keep counting.
    db.prepare("DELETE FROM clips WHERE id = 'c1'").run();
    expect(rows("usage_months")[1]).toEqual(["2024-02", "u1", "demo", 1, 0, 1]);
    db.close();
  });

  it("checks foreign keys after applying a migration, and only then", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "songloft-mig-")), "songloft.db");
    const db = openDatabase(file);
    const pragmas: string[] = [];
    const pragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: Database.PragmaOptions) => (pragmas.push(source), pragma(source, options))) as typeof db.pragma;

    runMigrations(db, partialFolder(journal.entries.length - 1));
    expect(pragmas).toContain("foreign_key_check");

    // A server start on an up-to-date database skips the scan of every table.
    pragmas.length = 0;
    runMigrations(db, partialFolder(journal.entries.length - 1));
    expect(pragmas).not.toContain("foreign_key_check");

    // A row whose owner is gone (only possible with keys off) stops the next migration.
    db.pragma("foreign_keys = OFF");
    db.prepare("INSERT INTO api_tokens (id, user_id, name, token_hash, hint, created_at) VALUES ('t1', 'nobody', 'n', 'h', 'abcd', 1)").run();
    db.pragma("foreign_keys = ON");
    expect(() => runMigrations(db)).toThrow(/1 rows with broken foreign keys/);
    db.close();
  });

  it("refuses a connection whose pragmas did not take", () => {
    const db = new Database(":memory:");
    expect(() => assertPragmas(db)).toThrow(/SQLite settings not applied/);
    db.close();
  });
});
