import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertTaskOrGetExisting } from "@/lib/server/data/tasks";
import { newId } from "@/lib/server/ids";
import type { VendorClip, VendorTask } from "@/lib/server/providers/types";
import { clipsOf, eventsOf, mediaOf, taskRow } from "@/tests/integration/generate-support";
import { createUser, openTestDb, type TestDb } from "@/tests/support/db";
import { applyVendorTask, failOpenTask, markTaskSubmitted, requestImmediatePoll } from "./sync-task";
import { subscribeTaskChanges } from "./task-events";
import { buildTaskDto } from "./task-view";

// Applying vendor answers: clips upsert on (provider, vendor clip id), a finished task
// never changes again, the timeline records each status, and listeners hear only
// about committed changes.

let db: TestDb;
let owner: ReturnType<typeof createUser>;

beforeAll(() => {
  db = openTestDb({ DEMO_PROVIDER: "on" });
  owner = createUser({ name: "Owner" });
});
afterAll(() => db.cleanup());

const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
const later = (s: number) => ({ now: at(s), nextPollAt: at(s + 5) });

function newTask(vendorTaskId = `vt-${newId()}`) {
  const { task } = insertTaskOrGetExisting({
    id: newId(),
    ownerId: owner.id,
    providerId: "demo",
    kind: "music",
    request: { mode: "inspiration", description: "x", instrumental: false, model: "v4" },
    status: "submitting",
    createdAt: at(0),
    nextPollAt: at(240),
  });
  markTaskSubmitted(task.id, vendorTaskId, { accepted: true }, later(1));
  return { id: task.id, vendorTaskId };
}

function clip(vendorClipId: string, state: VendorClip["state"], extra: Partial<VendorClip> = {}): VendorClip {
  const done = state === "succeeded";
  return {
    vendorClipId,
    title: "Tin Roof",
    lyrics: "rain",
    style: "folk",
    model: "unknown",
    vendorModel: null,
    duration: done ? 61.5 : null,
    audioUrl: done ? `https://cdn1.suno.ai/${vendorClipId}.mp3` : null,
    streamAudioUrl: done ? null : `https://audiopipe.suno.ai/?item_id=${vendorClipId}`,
    imageUrl: `https://cdn1.suno.ai/image_${vendorClipId}.png`,
    imageLargeUrl: null,
    videoUrl: null,
    state,
    errorMessage: null,
    createdAt: null,
    ...extra,
  };
}

function answer(vendorTaskId: string, status: VendorTask["status"], clips: VendorClip[], extra: Partial<VendorTask> = {}): VendorTask {
  return {
    vendorTaskId,
    status,
    vendorStatus: status.toUpperCase(),
    progress: null,
    error: null,
    clips,
    lyrics: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    raw: { status },
    ...extra,
  };
}

describe("applyVendorTask", () => {
  it("stores two clips once, however often the same answer arrives, and archives them on success", () => {
    const { id, vendorTaskId } = newTask();
    const [a, b] = [`c-${newId()}`, `c-${newId()}`];
    applyVendorTask(id, answer(vendorTaskId, "running", [clip(a, "streaming"), clip(b, "queued")]), later(5));
    applyVendorTask(id, answer(vendorTaskId, "running", [clip(a, "streaming"), clip(b, "streaming")]), later(10));
    const done = answer(vendorTaskId, "succeeded", [clip(a, "succeeded"), clip(b, "succeeded")], { progress: 100 });
    expect(applyVendorTask(id, done, later(15)).changed).toBe(true);
    expect(applyVendorTask(id, done, later(20)).changed).toBe(false);

    const rows = clipsOf(id).sort((x, y) => x.position - y.position);
    expect(rows.map((r) => r.vendorClipId)).toEqual([a, b]);
    expect(rows.every((r) => r.state === "succeeded" && r.duration === 61.5 && r.model === "v4")).toBe(true);
    expect(taskRow(id)).toMatchObject({ status: "succeeded", progress: 100, nextPollAt: null });
    expect(taskRow(id).finishedAt).toEqual(at(15));
    expect(eventsOf(id).map((e) => e.status)).toEqual(["submitting", "queued", "running", "succeeded"]);
    for (const row of rows)
      expect(
        mediaOf(row.id)
          .map((m) => m.kind)
          .sort(),
      ).toEqual(["audio", "image"]);
  });

  it("treats a terminal state as final: late and contradicting answers change nothing", () => {
    const { id, vendorTaskId } = newTask();
    const c = `c-${newId()}`;
    applyVendorTask(id, answer(vendorTaskId, "succeeded", [clip(c, "succeeded")]), later(5));
    const before = { task: taskRow(id), clips: clipsOf(id), events: eventsOf(id).length };

    expect(applyVendorTask(id, answer(vendorTaskId, "running", [clip(c, "streaming", { title: "Other" })]), later(9)).changed).toBe(false);
    expect(applyVendorTask(id, answer(vendorTaskId, "failed", [], { error: { code: "x", message: "late" } }), later(9)).changed).toBe(false);
    expect(failOpenTask(id, { code: "timed_out", message: "late", vendorMessage: null }, { now: at(99) })).toBe(false);
    expect(requestImmediatePoll(id, at(99))).toBe(false);
    expect(taskRow(id)).toEqual(before.task);
    expect(clipsOf(id)).toEqual(before.clips);
    expect(eventsOf(id)).toHaveLength(before.events);
  });

  it("keeps the vendor's reason on failure and never moves a clip backwards", () => {
    const { id, vendorTaskId } = newTask();
    const c = `c-${newId()}`;
    applyVendorTask(id, answer(vendorTaskId, "running", [clip(c, "streaming")]), later(5));
    applyVendorTask(id, answer(vendorTaskId, "queued", [clip(c, "queued")]), later(6));
    expect(taskRow(id).status).toBe("running");
    expect(clipsOf(id)[0].state).toBe("streaming");

    const failure = { code: "generation_failed", message: "Song Description contained artist name" };
    applyVendorTask(id, answer(vendorTaskId, "failed", [clip(c, "failed", { errorMessage: failure.message })], { error: failure }), later(7));
    expect(taskRow(id)).toMatchObject({ status: "failed", errorCode: "generation_failed", errorMessage: failure.message });
    expect(eventsOf(id).at(-1)).toMatchObject({ status: "failed", message: failure.message });
    expect(buildTaskDto(taskRow(id), owner).error).toEqual({ code: "generation_failed", message: failure.message, vendorMessage: failure.message });
  });

  it("a failure without the vendor's reason has our English message and no vendor words", () => {
    const { id, vendorTaskId } = newTask();
    applyVendorTask(id, answer(vendorTaskId, "failed", [], { error: { code: "generation_failed", message: null } }), later(5));
    expect(buildTaskDto(taskRow(id), owner).error).toEqual({ code: "generation_failed", message: "The vendor reported a failure without giving a reason.", vendorMessage: null });
  });

  it("fails a lyrics task that finished without lyrics", () => {
    const { task } = insertTaskOrGetExisting({
      id: newId(),
      ownerId: owner.id,
      providerId: "demo",
      kind: "lyrics",
      request: { prompt: "sea" },
      status: "submitting",
      createdAt: at(0),
      nextPollAt: at(240),
    });
    markTaskSubmitted(task.id, "lyr-1", null, later(1));
    applyVendorTask(task.id, answer("lyr-1", "succeeded", []), later(2));
    expect(taskRow(task.id)).toMatchObject({ status: "failed", errorCode: "no_output" });
    expect(buildTaskDto(taskRow(task.id), owner).error?.vendorMessage).toBeNull();
  });

  it("leaves a clip of another task alone when an answer repeats its vendor id", () => {
    const first = newTask();
    const shared = `c-${newId()}`;
    applyVendorTask(first.id, answer(first.vendorTaskId, "succeeded", [clip(shared, "succeeded")]), later(5));
    const second = newTask();
    applyVendorTask(second.id, answer(second.vendorTaskId, "running", [clip(shared, "streaming", { title: "Echo" })]), later(6));
    expect(clipsOf(second.id)).toHaveLength(0);
    expect(clipsOf(first.id)[0]).toMatchObject({ title: "Tin Roof", state: "succeeded" });
  });

  it("tells listeners after each committed change, and not for answers that change nothing", () => {
    const { id, vendorTaskId } = newTask();
    const heard: string[] = [];
    const off = subscribeTaskChanges(id, (taskId) => heard.push(taskId));
    const running = answer(vendorTaskId, "running", [clip(`c-${newId()}`, "streaming")]);
    applyVendorTask(id, running, later(5));
    applyVendorTask(id, running, later(6));
    off();
    expect(heard).toEqual([id]);
  });
});
