import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAppError } from "@/lib/errors";
import { generationBodySchema, lyricsBodySchema } from "@/lib/schemas/generate";
import { DEMO_SUCCEEDED_AFTER_MS } from "@/lib/server/providers/demo";
import { clipsOf, countTasks, fastPoller, taskRow } from "@/tests/integration/generate-support";
import { createUser, openTestDb, type TestDb } from "@/tests/support/db";
import { submitGeneration, submitLyrics } from "./generate";
import { getTaskForViewer } from "./task-view";

// Submitting through the offline demo provider: validation against the chosen model,
// idempotency, extensions and lyrics. The demo's clock is Date.now, faked (before any
// adapter captures it) so a test can jump past the demo's six seconds.

let db: TestDb;
let owner: ReturnType<typeof createUser>;
const body = (input: Record<string, unknown>) => generationBodySchema.parse(input);

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  db = openTestDb({ DEMO_PROVIDER: "on" });
  owner = createUser({ name: "Owner" });
});
afterAll(() => {
  db.cleanup();
  vi.useRealTimers();
});

async function finish(taskId: string) {
  vi.setSystemTime(Date.now() + DEMO_SUCCEEDED_AFTER_MS + 1_000);
  const poller = fastPoller();
  await poller.tick();
  await poller.stop();
  return taskRow(taskId);
}

describe("submitGeneration", () => {
  it("writes the task, submits it and leaves it queued under the vendor's id", async () => {
    const { task, created, rejected } = await submitGeneration(owner, body({ mode: "inspiration", description: "rain on a tin roof" }));
    expect(created).toBe(true);
    expect(rejected).toBe(false);
    expect(task.status).toBe("queued");
    expect(task.providerId).toBe("demo");
    expect(task.request).toMatchObject({ mode: "inspiration", description: "rain on a tin roof", model: "v5", instrumental: false });
    expect(taskRow(task.id).vendorTaskId).toBeTruthy();
    expect(taskRow(task.id).nextPollAt).not.toBeNull();
  });

  it("returns the same task for a repeated idempotency key, and one task for a double click", async () => {
    const before = countTasks();
    const input = body({ mode: "custom", lyrics: "la la la", style: "pop" });
    const first = await submitGeneration(owner, input, { idempotencyKey: "key-1" });
    const again = await submitGeneration(owner, input, { idempotencyKey: "key-1" });
    expect(again.task.id).toBe(first.task.id);
    expect(again.created).toBe(false);

    const [a, b] = await Promise.all([submitGeneration(owner, input, { idempotencyKey: "key-2" }), submitGeneration(owner, input, { idempotencyKey: "key-2" })]);
    expect(a.task.id).toBe(b.task.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(countTasks()).toBe(before + 2);
  });

  it("refuses a reused key with a different request", async () => {
    await submitGeneration(owner, body({ mode: "inspiration", description: "one" }), { idempotencyKey: "key-3" });
    const err = await submitGeneration(owner, body({ mode: "inspiration", description: "two" }), { idempotencyKey: "key-3" }).catch((e) => e);
    expect(isAppError(err) && err.code).toBe("conflict");
  });

  it("holds the text to the chosen model's limits", async () => {
    const lyrics = "x".repeat(4000);
    const err = await submitGeneration(owner, body({ mode: "custom", lyrics, model: "v4" })).catch((e) => e);
    expect(isAppError(err) && err.code).toBe("validation");
    expect(err.details).toEqual({ lyrics: ["lyricsTooLong"] });
    const ok = await submitGeneration(owner, body({ mode: "custom", lyrics, model: "v5" }));
    expect(ok.task.status).toBe("queued");
  });

  it("names the missing field for each mode and refuses unknown providers and models", async () => {
    expect(generationBodySchema.safeParse({ mode: "inspiration" }).error?.issues[0].message).toBe("descriptionRequired");
    expect(generationBodySchema.safeParse({ mode: "custom" }).error?.issues[0].message).toBe("lyricsRequired");
    expect(generationBodySchema.safeParse({ mode: "custom", instrumental: true }).error?.issues[0].message).toBe("styleRequired");
    const noProvider = await submitGeneration(owner, body({ description: "x", provider: "nowhere" })).catch((e) => e);
    expect(noProvider.details).toEqual({ provider: ["providerInvalid"] });
    const noModel = await submitGeneration(owner, body({ description: "x", model: "v5.5" })).catch((e) => e);
    expect(noModel.details).toEqual({ model: ["modelInvalid"] });
  });

  it("keeps a task to its owner (and the admins, who read every task)", async () => {
    const other = createUser({ name: "Other" });
    const { task } = await submitGeneration(owner, body({ description: "private thoughts" }));
    expect(getTaskForViewer(task.id, owner)?.id).toBe(task.id);
    expect(getTaskForViewer(task.id, other)).toBeNull();
    expect(getTaskForViewer(task.id, { id: other.id, role: "member" })).toBeNull();
  });
});

describe("extend", () => {
  it("continues a finished clip from its end by default and records the lineage", async () => {
    const { task } = await submitGeneration(owner, body({ description: "a song to extend" }));
    expect((await finish(task.id)).status).toBe("succeeded");
    const [source] = clipsOf(task.id).sort((x, y) => x.position - y.position);
    expect(source.duration).toBeGreaterThan(0);

    const ext = await submitGeneration(owner, body({ mode: "custom", lyrics: "[Verse 3]\nmore", extend: { clipId: source.id } }));
    expect(ext.task.kind).toBe("extend");
    expect(ext.task.request).toMatchObject({ extend: { clipId: source.id, continueAt: source.duration }, title: source.title });
    expect(taskRow(ext.task.id).sourceClipId).toBe(source.id);

    expect((await finish(ext.task.id)).status).toBe("succeeded");
    const children = clipsOf(ext.task.id);
    expect(children).toHaveLength(2);
    for (const child of children) {
      expect(child.parentClipId).toBe(source.id);
      expect(child.continueAt).toBe(source.duration);
    }
  });

  it("refuses a point past the end, an unfinished clip and someone else's private clip", async () => {
    const { task } = await submitGeneration(owner, body({ description: "short" }));
    await finish(task.id);
    const [clip] = clipsOf(task.id);
    const past = await submitGeneration(owner, body({ extend: { clipId: clip.id, continueAt: (clip.duration ?? 0) + 5 } })).catch((e) => e);
    expect(past.details).toEqual({ "extend.continueAt": ["continueAtInvalid"] });

    const stranger = createUser({ name: "Stranger" });
    const { getDb } = await import("@/lib/server/db/client");
    const { clips } = await import("@/lib/server/db/schema");
    const { eq } = await import("drizzle-orm");
    getDb().update(clips).set({ visibility: "private" }).where(eq(clips.id, clip.id)).run();
    const hidden = await submitGeneration(stranger, body({ extend: { clipId: clip.id } })).catch((e) => e);
    expect(isAppError(hidden) && hidden.code).toBe("not_found");

    const pending = await submitGeneration(owner, body({ description: "still going" }));
    await finish(pending.task.id);
    getDb().update(clips).set({ state: "streaming" }).where(eq(clips.taskId, pending.task.id)).run();
    const [streaming] = clipsOf(pending.task.id);
    const notDone = await submitGeneration(owner, body({ extend: { clipId: streaming.id } })).catch((e) => e);
    expect(isAppError(notDone) && notDone.code).toBe("conflict");
  });
});

describe("submitLyrics", () => {
  it("stores the written lyrics as the task's result at once when the vendor answers synchronously", async () => {
    const { task } = await submitLyrics(owner, lyricsBodySchema.parse({ prompt: "a lighthouse keeper's night" }));
    expect(task.kind).toBe("lyrics");
    expect(task.status).toBe("succeeded");
    expect(task.result?.text.length).toBeGreaterThan(10);
    expect(task.result?.title).toBeTruthy();
  });
});
