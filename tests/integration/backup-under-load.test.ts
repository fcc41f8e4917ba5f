import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// REL-9: `db:backup` finishes while another process writes every 100 ms, as the
// poller and the app do, on a database of a realistic size. The stepwise backup API
// restarts on every such write and never got there.

const root = path.resolve(__dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-backup-load-"));
const env = { ...process.env, DATA_DIR: dataDir, SONGLOFT_LOG: "silent" };
let writer: ReturnType<typeof spawn> | undefined;

function run(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

// Another process writing a task event every 100 ms; it says "ready" after its first write.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
const insert = db.prepare("INSERT INTO task_events (task_id, at, status) VALUES ('load-task', ?, 'running')");
insert.run(Date.now());
process.stdout.write("ready\\n");
setInterval(() => insert.run(Date.now()), 100);
`;

beforeAll(async () => {
  expect((await run(tsx, ["lib/cli/index.ts", "db:migrate"])).code).toBe(0);
  const db = new Database(path.join(dataDir, "songloft.db"));
  const now = Date.now();
  db.prepare("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'owner@example.test', 'Owner', 'x', 'admin', ?)").run(now);
  db.prepare("INSERT INTO providers (id, name, protocol, source, created_at) VALUES ('demo', 'Demo', 'demo', 'env', ?)").run(now);
  db.prepare("INSERT INTO tasks (id, owner_id, provider_id, kind, request, status, created_at) VALUES ('load-task', 'u1', 'demo', 'music', '{}', 'running', ?)").run(now);
  // About 80 MB of task history: big enough that a copy takes many steps.
  const event = db.prepare("INSERT INTO task_events (task_id, at, status, message) VALUES ('load-task', ?, 'running', ?)");
  const filler = "x".repeat(4000);
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) event.run(now + i, `${i} ${filler}`);
  })();
  db.close();
  writer = spawn(process.execPath, ["-e", WRITER, path.join(dataDir, "songloft.db")], { cwd: root });
  await new Promise<void>((resolve, reject) => {
    writer!.stdout!.once("data", () => resolve());
    writer!.once("exit", (code) => reject(new Error(`writer exited with ${code}`)));
  });
}, 120_000);

afterAll(() => {
  writer?.kill();
});

describe("db:backup under load (REL-9)", () => {
  it("finishes while another process writes every 100 ms, and the copy is whole and private", async () => {
    const out = path.join(dataDir, "backups", "songloft-backup.db");
    const before = new Database(path.join(dataDir, "songloft.db"), { readonly: true });
    const eventsBefore = (before.prepare("SELECT count(*) AS n FROM task_events").get() as { n: number }).n;
    before.close();
    const r = await run(tsx, ["lib/cli/index.ts", "db:backup", "--out", out]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("integrity ok");
    expect(r.out).toContain("secret");
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((copy.prepare("SELECT count(*) AS n FROM task_events").get() as { n: number }).n).toBeGreaterThanOrEqual(eventsBefore);
    expect(copy.prepare("SELECT email FROM users").get()).toEqual({ email: "owner@example.test" });
    copy.close();
  }, 180_000);
});
