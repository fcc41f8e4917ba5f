import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SONG_TASK_KINDS } from "@/lib/domain";
import { setUserQuota } from "@/lib/server/data/quotas";
import { getDb } from "@/lib/server/db/client";
import { tasks } from "@/lib/server/db/schema";
import { createUser, openTestDb, type TestDb } from "../support/db";

// REL-13 across processes: two server processes send the same member's songs at once,
// many more than the limit. The check and the insert share one BEGIN IMMEDIATE
// transaction, so exactly the limit gets through, however the two interleave.

const root = path.resolve(__dirname, "..", "..");
const child = path.join(__dirname, "quota-race-child.ts");
let db: TestDb;
const children: ChildProcess[] = [];

function sender(userId: string, attempts: number) {
  const proc = spawn(process.execPath, ["--import", "tsx", child, userId, String(attempts)], {
    cwd: root,
    env: { ...process.env, DATA_DIR: db.dataDir, DEMO_PROVIDER: "on", SONGLOFT_LOG: "silent" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(proc);
  const lines: string[] = [];
  let buffer = "";
  const waiters: (() => void)[] = [];
  proc.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
    waiters.splice(0).forEach((w) => w());
  });
  const line = (n: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => (lines.length > n ? resolve(lines[n]) : waiters.push(check));
      proc.once("exit", (code) => (lines.length > n ? resolve(lines[n]) : reject(new Error(`sender exited with ${code}`))));
      check();
    });
  return { ready: line(0), result: line(1).then((l) => JSON.parse(l) as { accepted: number; refused: number }), go: () => proc.stdin!.write("go\n") };
}

beforeAll(() => {
  db = openTestDb({ DEMO_PROVIDER: "on" });
});
afterAll(() => {
  for (const proc of children) if (proc.exitCode === null) proc.kill("SIGKILL");
  db.cleanup();
});

describe("two processes racing for the last songs", () => {
  it("lets exactly the limit through", { timeout: 120_000 }, async () => {
    const ann = createUser({ name: "Ann" });
    setUserQuota(ann.id, { daily: 12 });
    const a = sender(ann.id, 20);
    const b = sender(ann.id, 20);
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    const [ra, rb] = await Promise.all([a.result, b.result]);
    expect(ra.accepted + rb.accepted).toBe(12);
    expect(ra.refused + rb.refused).toBe(28);
    const rows = getDb()
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.ownerId, ann.id), inArray(tasks.kind, [...SONG_TASK_KINDS])))
      .all();
    expect(rows).toHaveLength(12);
  });
});
