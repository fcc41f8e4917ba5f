import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { clipListQuerySchema, type ClipListQueryInput } from "@/lib/schemas/clips";
import { getDb } from "@/lib/server/db/client";
import { clips, stars, type ClipRow, type User } from "@/lib/server/db/schema";
import { absoluteMediaPath, relativeMediaPath } from "@/lib/server/media/storage";
import * as library from "@/lib/server/services/library";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";

// SEC-2 through the library services: B can never read or change A's private or
// trashed clips, and every refusal is indistinguishable from a clip that does not exist.

let env: TestDb;
let a: User;
let b: User;
let privateClip: ClipRow;
let teamTake: ClipRow;
let trashed: ClipRow;
let extension: ClipRow;

const clipRow = (id: string): ClipRow | undefined => getDb().select().from(clips).where(eq(clips.id, id)).get();
const list = (viewer: User, query: ClipListQueryInput) => library.listLibrary(viewer, clipListQuerySchema.parse(query)).items.map((c) => c.id);

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, message: (err as AppError).message };
  }
  throw new Error("expected a refusal");
}

beforeAll(() => {
  env = openTestDb();
  a = createUser({ name: "Ann" });
  b = createUser({ name: "Ben" });
  const task = createTask(a).id;
  privateClip = createClip(a, { taskId: task, title: "Secret 秘密旋律 zebrafish", visibility: "private", position: 0 });
  teamTake = createClip(a, { taskId: task, title: "Open take", position: 1 });
  trashed = createClip(a, { title: "Binned 垃圾桶", deletedAt: new Date() });
  extension = createClip(a, { title: "Secret, extended", parentClipId: privateClip.id });
  createClip(b, { title: "Ben's own" });
});
afterAll(() => env.cleanup());

describe("another member's private clip", () => {
  const missing = () => refusal(() => library.getClip(b, "no-such-clip"));

  it("reads as not found, exactly like a clip that does not exist", () => {
    expect(refusal(() => library.getClip(b, privateClip.id))).toEqual(missing());
    expect(refusal(() => library.getClipDetails(b, privateClip.id))).toEqual(missing());
    expect(refusal(() => library.findClipIdByVendorId(b, privateClip.vendorClipId))).toEqual(missing());
    expect(missing().code).toBe("not_found");
  });

  it("cannot be renamed, re-shared, starred, deleted, restored or purged, and nothing changes", () => {
    const before = clipRow(privateClip.id);
    const attempts = [
      () => library.renameClip(b, privateClip.id, "Mine now"),
      () => library.setClipVisibility(b, privateClip.id, "team"),
      () => library.setClipStarred(b, privateClip.id, true),
      () => library.setClipStarred(b, privateClip.id, false),
      () => library.updateClip(b, privateClip.id, { title: "x", visibility: "team", starred: true }),
      () => library.deleteClip(b, privateClip.id),
      () => library.restoreClip(b, privateClip.id),
      () => library.purgeClip(b, privateClip.id),
    ];
    for (const attempt of attempts) expect(refusal(attempt)).toEqual(missing());
    expect(clipRow(privateClip.id)).toEqual(before);
    expect(getDb().select().from(stars).all()).toEqual([]);
  });

  it("never shows up in B's lists or searches, in any scope", () => {
    for (const q of [undefined, "zebrafish", "秘密", "秘密旋律", "Secret"]) {
      expect(list(b, { scope: "mine", q })).not.toContain(privateClip.id);
      expect(list(b, { scope: "team", q })).not.toContain(privateClip.id);
      expect(list(b, { scope: "team", member: a.id, q })).not.toContain(privateClip.id);
      expect(list(b, { view: "trash", q })).not.toContain(privateClip.id);
    }
    expect(list(b, { scope: "team", q: "zebrafish" })).toEqual([]);
  });

  it("is hidden from B as a sibling take and as a parent, while the team-visible ones show", () => {
    const details = library.getClipDetails(b, teamTake.id);
    expect(details.takes).toEqual([]);
    const ext = library.getClipDetails(b, extension.id);
    expect(ext.parent).toBeNull();
    expect(ext.clip.parentClipId).toBe(privateClip.id);
    expect(library.getClipDetails(a, teamTake.id).takes.map((c) => c.id)).toEqual([privateClip.id]);
    expect(library.getClipDetails(a, extension.id).parent?.id).toBe(privateClip.id);
    expect(library.getClipDetails(a, privateClip.id).extensions.map((c) => c.id)).toEqual([extension.id]);
  });

  it("stays visible to its owner: mine and search, but not the team list", () => {
    expect(list(a, { scope: "mine" })).toContain(privateClip.id);
    expect(list(a, { scope: "mine", q: "秘密" })).toEqual([privateClip.id]);
    expect(list(a, { scope: "team" })).not.toContain(privateClip.id);
    expect(list(a, { scope: "team", member: a.id })).not.toContain(privateClip.id);
  });
});

describe("another member's trashed clip", () => {
  it("is not found for B whatever B tries, and stays in A's trash", () => {
    const missing = refusal(() => library.getClip(b, "no-such-clip"));
    for (const attempt of [
      () => library.getClip(b, trashed.id),
      () => library.getClip(b, trashed.id, { includeDeleted: true }),
      () => library.restoreClip(b, trashed.id),
      () => library.purgeClip(b, trashed.id),
      () => library.setClipStarred(b, trashed.id, true),
    ]) {
      expect(refusal(attempt)).toEqual(missing);
    }
    expect(list(b, { scope: "team" })).not.toContain(trashed.id);
    expect(list(b, { scope: "team", q: "垃圾桶" })).toEqual([]);
    expect(list(a, { view: "trash" })).toEqual([trashed.id]);
    expect(clipRow(trashed.id)?.deletedAt).not.toBeNull();
  });
});

describe("a teammate's team-visible clip", () => {
  it("can be read and starred by B, but only its owner may change it", () => {
    expect(library.getClip(b, teamTake.id).owner).toEqual({ id: a.id, name: "Ann" });
    expect(list(b, { scope: "team" })).toContain(teamTake.id);
    expect(list(b, { scope: "team", member: a.id })).toContain(teamTake.id);
    expect(library.setClipStarred(b, teamTake.id, true).starred).toBe(true);
    expect(library.getClip(a, teamTake.id).starred).toBe(false);
    expect(list(b, { scope: "team", starred: "true" })).toEqual([teamTake.id]);

    const before = clipRow(teamTake.id);
    for (const attempt of [
      () => library.renameClip(b, teamTake.id, "Hijacked"),
      () => library.setClipVisibility(b, teamTake.id, "private"),
      () => library.deleteClip(b, teamTake.id),
      () => library.restoreClip(b, teamTake.id),
      () => library.purgeClip(b, teamTake.id),
    ]) {
      expect(refusal(attempt).code).toBe("forbidden");
    }
    expect(clipRow(teamTake.id)).toEqual(before);
  });
});

describe("the owner's own changes", () => {
  it("renames, hides, trashes, restores and purges, and purge removes the archived files", () => {
    const clip = createClip(a, { title: "Lifecycle" });
    expect(library.renameClip(a, clip.id, "  Renamed  ").title).toBe("Renamed");
    expect(library.setClipVisibility(a, clip.id, "private").visibility).toBe("private");
    expect(list(b, { scope: "team" })).not.toContain(clip.id);
    expect(library.setClipVisibility(a, clip.id, "team").visibility).toBe("team");
    expect(list(b, { scope: "team" })).toContain(clip.id);

    expect(library.deleteClip(a, clip.id).deletedAt).not.toBeNull();
    expect(refusal(() => library.getClip(b, clip.id)).code).toBe("not_found");
    expect(list(a, { scope: "mine" })).not.toContain(clip.id);
    expect(list(a, { view: "trash" })).toContain(clip.id);
    expect(library.restoreClip(a, clip.id).deletedAt).toBeNull();
    expect(list(b, { scope: "team" })).toContain(clip.id);

    expect(refusal(() => library.purgeClip(a, clip.id)).code).toBe("conflict");
    const audio = absoluteMediaPath(relativeMediaPath(clip.id, "audio", "mp3"));
    fs.mkdirSync(path.dirname(audio), { recursive: true });
    fs.writeFileSync(audio, "ID3");
    library.deleteClip(a, clip.id);
    library.purgeClip(a, clip.id);
    expect(clipRow(clip.id)).toBeUndefined();
    expect(fs.existsSync(audio)).toBe(false);
    expect(refusal(() => library.restoreClip(a, clip.id)).code).toBe("not_found");
  });

  it("rejects a blank or overlong title with field details", () => {
    const err = refusal(() => library.renameClip(a, teamTake.id, "   "));
    expect(err.code).toBe("validation");
    expect(refusal(() => library.renameClip(a, teamTake.id, "x".repeat(101))).code).toBe("validation");
  });
});
