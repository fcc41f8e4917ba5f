import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueMedia, upsertPendingMedia } from "@/lib/server/data/media";
import { deleteUnusedProviderRow, insertProviderRow } from "@/lib/server/data/providers";
import { databaseFile } from "@/lib/server/db/client";
import { newId } from "@/lib/server/ids";
import { createClip, createProvider, createUser, openTestDb, type TestDb } from "../support/db";

// REL-12: read-then-write transactions start with BEGIN IMMEDIATE. A deferred one
// reads a snapshot, and when another process commits before it writes, SQLite fails
// it with SQLITE_BUSY_SNAPSHOT at once (busy_timeout cannot help). Here a second
// process commits a write every millisecond while this one runs the transactions
// hundreds of times; none may fail.

const root = path.resolve(__dirname, "..", "..");
let writer: ChildProcess;
let env: TestDb;

// Commits a small write about every millisecond until it is killed; says "ready" after the first.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
const beat = db.prepare("INSERT INTO leases (name, holder, expires_at, heartbeat_at) VALUES ('other', 'writer', ?, ?) ON CONFLICT(name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at");
beat.run(Date.now(), Date.now());
process.stdout.write("ready\\n");
setInterval(() => beat.run(Date.now(), Date.now()), 1);
`;

beforeAll(async () => {
  env = openTestDb();
  writer = spawn(process.execPath, ["-e", WRITER, databaseFile()], { cwd: root });
  await new Promise<void>((resolve, reject) => {
    writer.stdout!.once("data", () => resolve());
    writer.once("exit", (code) => reject(new Error(`writer exited with ${code}`)));
  });
});

afterAll(() => {
  writer.kill();
  env.cleanup();
});

function errorsOf(rounds: number, fn: (round: number) => void): string[] {
  const errors: string[] = [];
  for (let round = 0; round < rounds; round++) {
    try {
      fn(round);
    } catch (err) {
      errors.push((err as { code?: string }).code ?? String(err));
    }
  }
  return errors;
}

describe("read-then-write transactions under a second writer process (REL-12)", () => {
  it("claiming media never fails with SQLITE_BUSY_SNAPSHOT", () => {
    const owner = createUser({ name: "Owner" });
    const provider = createProvider("newapi", { baseUrl: "https://relay.example.com" }).id;
    const clips = Array.from({ length: 4 }, () => createClip(owner, { providerId: provider, audioUrl: `https://cdn1.suno.ai/${newId()}.mp3` }));
    const start = Date.now();
    upsertPendingMedia(
      clips.map((c) => ({ clipId: c.id, kind: "audio" as const, sourceUrl: c.audioUrl! })),
      new Date(start),
    );
    // Each round is an hour later, so every row is due again and each claim writes.
    const errors = errorsOf(600, (round) => {
      const now = new Date(start + (round + 1) * 3600_000);
      expect(claimDueMedia(now, 4, new Date(now.getTime() + 60_000))).toHaveLength(4);
    });
    expect(errors).toEqual([]);
  });

  it("deleting an unused provider never fails with SQLITE_BUSY_SNAPSHOT", () => {
    const errors = errorsOf(600, () => {
      const id = insertProviderRow({ id: newId(), name: `p-${newId()}`, protocol: "newapi", baseUrl: "https://x.example", source: "db" }).id;
      expect(deleteUnusedProviderRow(id)).toBe("deleted");
    });
    expect(errors).toEqual([]);
  });
});
