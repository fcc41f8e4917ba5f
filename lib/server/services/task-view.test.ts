import { vendorClip } from "@/tests/support/vendor-clip";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toClipDto } from "@/lib/server/data/clip-dto";
import { insertTaskOrGetExisting } from "@/lib/server/data/tasks";
import { getDb } from "@/lib/server/db/client";
import { clips, mediaFiles, stars, type ClipRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import type { VendorClip } from "@/lib/server/providers/types";
import { clipsOf } from "@/tests/integration/generate-support";
import { createUser, openTestDb, type TestDb } from "@/tests/support/db";
import { applyVendorTask, markTaskSubmitted } from "./sync-task";
import { getTaskForViewer, getTaskTimelineForViewer, getTaskVendorDetailsForAdmin, listRecentSongTasksForViewer } from "./task-view";

// What viewers get: the task with its clips as the API shows them, owner only.

/** Counts statements run on the app's connection (each all/get/run/iterate call), for the N+1 check. */
function countStatements() {
  const proto = Object.getPrototypeOf(getDb().$client.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
  const methods = ["all", "get", "run", "iterate"] as const;
  const originals = methods.map((m) => proto[m]);
  let count = 0;
  methods.forEach((m, i) => {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return originals[i].apply(this, args);
    };
  });
  return {
    stop() {
      methods.forEach((m, i) => (proto[m] = originals[i]));
      return count;
    },
  };
}

let db: TestDb;
let owner: ReturnType<typeof createUser>;
let admin: ReturnType<typeof createUser>;

beforeAll(() => {
  db = openTestDb({ DEMO_PROVIDER: "on" });
  owner = createUser({ name: "Owner" });
  admin = createUser({ name: "Root", role: "admin" });
});
afterAll(() => db.cleanup());

function runningTask(ownerId: string, vendorClips: Partial<VendorClip>[], createdAt = new Date()) {
  const now = new Date();
  const { task } = insertTaskOrGetExisting({
    id: newId(),
    ownerId,
    providerId: "demo",
    kind: "music",
    request: { mode: "inspiration", description: "tides", instrumental: false, model: "v5" },
    status: "submitting",
    createdAt,
  });
  markTaskSubmitted(task.id, `vt-${newId()}`, { secret: "raw answer" }, { now, nextPollAt: now });
  const clipsIn = vendorClips.map((c, i) =>
    vendorClip({ vendorClipId: `c-${newId()}-${i}`, title: "Tides", style: "ambient", model: "v5", vendorModel: "chirp-crow", state: "streaming", ...c }),
  );
  applyVendorTask(
    task.id,
    {
      vendorTaskId: "x",
      status: "running",
      vendorStatus: "IN_PROGRESS",
      progress: 0,
      error: null,
      clips: clipsIn,
      lyrics: null,
      submittedAt: null,
      startedAt: null,
      finishedAt: null,
      raw: { vendor: "said so" },
    },
    { now, nextPollAt: now },
  );
  return task.id;
}

describe("toClipDto", () => {
  const row = (over: Partial<ClipRow>): ClipRow =>
    ({
      id: "clip1",
      taskId: "t",
      ownerId: "u",
      providerId: "p",
      vendorClipId: "v",
      title: "T",
      lyrics: null,
      style: null,
      prompt: null,
      model: "v4",
      vendorModel: null,
      duration: null,
      state: "streaming",
      errorMessage: null,
      audioUrl: null,
      streamAudioUrl: null,
      imageUrl: null,
      imageLargeUrl: null,
      videoUrl: null,
      visibility: "team",
      parentClipId: null,
      continueAt: null,
      position: 0,
      createdAt: new Date(0),
      updatedAt: null,
      deletedAt: null,
      ...over,
    }) as ClipRow;
  const extras = { ownerName: "Ada", starred: false, archived: false, waveform: null };

  it("plays the vendor's live preview while streaming, then the app's own URL", () => {
    const streaming = toClipDto(row({ streamAudioUrl: "https://audiopipe.suno.ai/?item_id=v" }), extras);
    expect(streaming).toMatchObject({ audioUrl: null, previewUrl: "https://audiopipe.suno.ai/?item_id=v" });
    const done = toClipDto(row({ state: "succeeded", audioUrl: "https://cdn1.suno.ai/v.mp3", imageUrl: "https://cdn2.suno.ai/v.jpeg" }), extras);
    expect(done).toMatchObject({ audioUrl: "/media/clip1/audio", previewUrl: null, imageUrl: "/media/clip1/cover", videoUrl: null });
  });

  it("serves a preview that is not a web URL (the demo's) through the app", () => {
    expect(toClipDto(row({ streamAudioUrl: "demo:audio/abc" }), extras).previewUrl).toBe("/media/clip1/audio");
  });

  it("keeps the archived audio even when the vendor URL is gone", () => {
    expect(toClipDto(row({ state: "succeeded" }), { ...extras, archived: true }).audioUrl).toBe("/media/clip1/audio");
  });

  it("lists the WAV and the video as the app's own URLs, only when the vendor made them", () => {
    expect(toClipDto(row({ state: "succeeded" }), extras).formats).toEqual({});
    const both = toClipDto(row({ state: "succeeded", wavUrl: "https://cdn1.suno.ai/v.wav", videoUrl: "https://cdn1.suno.ai/v.mp4" }), extras);
    expect(both.formats).toEqual({ wav: "/media/clip1/wav", video: "/media/clip1/video" });
  });
});

describe("getTaskForViewer", () => {
  it("shows the owner the task with its clips, the star and the archive flag of each", () => {
    const taskId = runningTask(owner.id, [{ streamAudioUrl: "https://audiopipe.suno.ai/?item_id=1" }, {}]);
    const [first] = clipsOf(taskId).sort((a, b) => a.position - b.position);
    getDb().insert(stars).values({ userId: owner.id, clipId: first.id }).run();
    getDb().insert(mediaFiles).values({ id: newId(), clipId: first.id, kind: "audio", sourceUrl: "https://x/a.mp3", status: "archived", path: "a" }).run();

    const task = getTaskForViewer(taskId, owner)!;
    expect(task).toMatchObject({ status: "running", providerName: "Demo (offline)", owner: { id: owner.id, name: "Owner" } });
    expect(task.clips.map((c) => [c.starred, c.archived, c.audioUrl])).toEqual([
      [true, true, `/media/${first.id}/audio`],
      [false, false, null],
    ]);
    expect(task.clips[0].owner).toEqual({ id: owner.id, name: "Owner" });
  });

  it("estimates progress for a running task whose vendor reports none, and says so", () => {
    const taskId = runningTask(owner.id, [{}]);
    const soon = getTaskForViewer(taskId, owner)!;
    const later = getTaskForViewer(taskId, owner, new Date(Date.now() + 60_000))!;
    expect(soon.progressEstimated).toBe(true);
    expect(later.progress!).toBeGreaterThan(soon.progress!);
    expect(getTaskForViewer(taskId, owner, new Date(Date.now() + 3_600_000))!.progress).toBe(95);
  });

  it("hides deleted clips and answers null to other members; admins read it, as the history's scope=all lists it", () => {
    const taskId = runningTask(owner.id, [{}, {}]);
    const [gone] = clipsOf(taskId);
    getDb().update(clips).set({ deletedAt: new Date() }).where(eq(clips.id, gone.id)).run();
    expect(getTaskForViewer(taskId, owner)!.clips).toHaveLength(1);
    const member = createUser({ name: "Member" });
    expect(getTaskForViewer(taskId, member)).toBeNull();
    expect(getTaskTimelineForViewer(taskId, member)).toBeNull();
    expect(getTaskForViewer(taskId, admin)?.id).toBe(taskId);
    expect(getTaskTimelineForViewer(taskId, admin)).not.toBeNull();
  });

  it("lists the owner's recent tasks, newest first", () => {
    const other = createUser({ name: "Other" });
    const newer = runningTask(other.id, [], new Date("2026-03-02T10:00:00Z"));
    const older = runningTask(other.id, [], new Date("2026-03-01T10:00:00Z"));
    expect(listRecentSongTasksForViewer(other).map((t) => t.id)).toEqual([newer, older]);
  });

  it("lists songs only, each with its own takes in order, in the same few statements for 1 task or 12", () => {
    const member = createUser({ name: "Busy" });
    const lyrics = insertTaskOrGetExisting({ id: newId(), ownerId: member.id, providerId: "demo", kind: "lyrics", request: {}, status: "queued" }).task.id;
    const songs = Array.from({ length: 12 }, () => runningTask(member.id, [{ title: "A" }, { title: "B" }]));
    const statements = (fn: () => unknown) => {
      const counted = countStatements();
      fn();
      return counted.stop();
    };

    const recent = listRecentSongTasksForViewer(member, 12);
    expect(recent.map((t) => t.id)).not.toContain(lyrics);
    expect(new Set(recent.map((t) => t.id))).toEqual(new Set(songs));
    for (const task of recent) {
      expect(task.clips.map((c) => c.title)).toEqual(["A", "B"]);
      expect(task.clips.map((c) => c.id).sort()).toEqual(
        clipsOf(task.id)
          .map((c) => c.id)
          .sort(),
      );
    }
    const forOne = statements(() => listRecentSongTasksForViewer(member, 1));
    const forTwelve = statements(() => listRecentSongTasksForViewer(member, 12));
    expect(forOne).toBeGreaterThan(1);
    expect(forTwelve).toBe(forOne);
    expect(forTwelve).toBeLessThanOrEqual(4);
  });
});

describe("timeline and vendor details", () => {
  it("gives the owner the status timeline and only an admin owner the raw payload", () => {
    const mine = runningTask(admin.id, []);
    expect(getTaskTimelineForViewer(mine, admin)!.map((e) => e.status)).toEqual(["submitting", "queued", "running"]);
    expect(getTaskVendorDetailsForAdmin(mine, admin)).toMatchObject({ vendorStatus: "IN_PROGRESS", rawPayload: { vendor: "said so" } });
    const theirs = runningTask(owner.id, []);
    expect(getTaskVendorDetailsForAdmin(theirs, owner)).toBeNull();
    expect(getTaskVendorDetailsForAdmin(theirs, admin)).toMatchObject({ vendorStatus: "IN_PROGRESS" });
  });
});
