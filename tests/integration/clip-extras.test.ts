import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { mediaFiles, stars, type ClipRow, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { getClip, getClipDetails, listLibrary } from "@/lib/server/services/library";
import { getTaskForViewer } from "@/lib/server/services/task-view";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";

// "Archived", "starred" and the owner's name come from one definition of the extras
// and must be the same whichever path reads the clip: the clip page (the clip, its
// other takes, its parent and extensions), GET /api/v1/clips/<id>, lists and task views.
// The clip page once read `archived` through a subquery whose column Drizzle left
// unqualified: it compared media_files.clip_id with media_files.id, and said false.

let env: TestDb;
let ann: User;
let ben: User;
let taskId: string;
let archived: ClipRow;
let pending: ClipRow;
let extension: ClipRow;

function media(clip: ClipRow, status: "archived" | "pending") {
  getDb()
    .insert(mediaFiles)
    .values({ id: newId(), clipId: clip.id, kind: "audio", sourceUrl: "https://cdn1.suno.ai/a.mp3", status, path: status === "archived" ? `${clip.id}.mp3` : null })
    .run();
}

beforeAll(() => {
  env = openTestDb();
  ann = createUser({ name: "Ann" });
  ben = createUser({ name: "Ben" });
  taskId = createTask(ann).id;
  archived = createClip(ann, { taskId, position: 0 });
  pending = createClip(ann, { taskId, position: 1 });
  extension = createClip(ann, { parentClipId: archived.id });
  media(archived, "archived");
  media(pending, "pending");
  media(extension, "archived");
  getDb().insert(stars).values({ userId: ben.id, clipId: archived.id }).run();
});
afterAll(() => env.cleanup());

describe("a clip's extras on every path", () => {
  it("the clip itself, as the clip page and the API read it", () => {
    expect(getClip(ann, archived.id)).toMatchObject({ archived: true, starred: false, owner: { name: "Ann" } });
    expect(getClip(ben, archived.id)).toMatchObject({ archived: true, starred: true, owner: { name: "Ann" } });
    expect(getClip(ben, pending.id)).toMatchObject({ archived: false, starred: false });
  });

  it("its other takes, its parent and its extensions", () => {
    const details = getClipDetails(ben, pending.id);
    expect(details.takes.map((t) => [t.id, t.archived, t.starred])).toEqual([[archived.id, true, true]]);
    const fromParent = getClipDetails(ben, archived.id);
    expect(fromParent.extensions.map((e) => [e.id, e.archived])).toEqual([[extension.id, true]]);
    expect(fromParent.takes.map((t) => [t.id, t.archived])).toEqual([[pending.id, false]]);
    const fromExtension = getClipDetails(ben, extension.id);
    expect(fromExtension.parent).toMatchObject({ id: archived.id, archived: true, starred: true });
  });

  it("lists and the task view", () => {
    const page = listLibrary(ben, { scope: "team", limit: 10 });
    const byId = new Map(page.items.map((c) => [c.id, c]));
    expect(byId.get(archived.id)).toMatchObject({ archived: true, starred: true });
    expect(byId.get(pending.id)).toMatchObject({ archived: false, starred: false });
    const task = getTaskForViewer(taskId, ann)!;
    expect(task.clips.map((c) => [c.id, c.archived])).toEqual([
      [archived.id, true],
      [pending.id, false],
    ]);
  });
});
