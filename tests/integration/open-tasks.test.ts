import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOpenSongTasksForOwner } from "@/lib/server/data/open-tasks";
import { getDb } from "@/lib/server/db/client";
import { tasks, type TaskRow, type User } from "@/lib/server/db/schema";
import { createTask, createUser, openTestDb, type TestDb } from "../support/db";

// The songs still being made, shown above the library: the owner's open music and
// extend tasks, newest first; nothing of anyone else's, no lyrics tasks, nothing finished.

let env: TestDb;
let ann: User;
let ben: User;

function task(owner: User, status: TaskRow["status"], at: string, kind: TaskRow["kind"] = "music"): string {
  return createTask(owner, { kind, status, createdAt: new Date(at) }).id;
}

beforeAll(() => {
  env = openTestDb();
  ann = createUser({ name: "Ann" });
  ben = createUser({ name: "Ben" });
});
afterAll(() => env.cleanup());

describe("listOpenSongTasksForOwner", () => {
  it("is empty for a member with nothing in flight", () => {
    task(ann, "succeeded", "2026-01-01T10:00:00Z");
    task(ann, "failed", "2026-01-02T10:00:00Z");
    expect(listOpenSongTasksForOwner(ann.id, 6)).toEqual([]);
  });

  it("lists the owner's open song tasks newest first, and only theirs", () => {
    const queued = task(ann, "queued", "2026-01-03T10:00:00Z");
    const running = task(ann, "running", "2026-01-05T10:00:00Z", "extend");
    const submitting = task(ann, "submitting", "2026-01-04T10:00:00Z");
    task(ann, "running", "2026-01-06T10:00:00Z", "lyrics");
    task(ben, "running", "2026-01-07T10:00:00Z");
    expect(listOpenSongTasksForOwner(ann.id, 6).map((t) => t.id)).toEqual([running, submitting, queued]);
    expect(listOpenSongTasksForOwner(ann.id, 2).map((t) => t.id)).toEqual([running, submitting]);
  });

  it("drops a task once it finishes", () => {
    const id = task(ben, "queued", "2026-01-08T10:00:00Z");
    expect(listOpenSongTasksForOwner(ben.id, 6).map((t) => t.id)).toContain(id);
    getDb().update(tasks).set({ status: "succeeded" }).run();
    expect(listOpenSongTasksForOwner(ben.id, 6)).toEqual([]);
  });
});
