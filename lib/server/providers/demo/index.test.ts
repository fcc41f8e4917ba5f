import { describe, expect, it } from "vitest";
import type { ProviderConfig, SubmitMusicInput, VendorTask } from "../types";
import { createDemoAdapter, DEMO_PROGRESS_PEAK_MS, DEMO_RUNNING_AFTER_MS, DEMO_STREAMING_AFTER_MS, DEMO_SUCCEEDED_AFTER_MS, renderDemoAsset } from "./index";

const config: ProviderConfig = { id: "demo", name: "Demo (offline)", protocol: "demo", baseUrl: "", apiKey: "" };
const T0 = 1_700_000_000_000;

function setup() {
  const clock = { now: T0 };
  const adapter = createDemoAdapter(config, { now: () => clock.now });
  const at = async (id: string, elapsed: number): Promise<VendorTask> => {
    clock.now = T0 + elapsed;
    const task = (await adapter.fetchTasks([id])).get(id);
    if (!task) throw new Error("task missing");
    return task;
  };
  return { adapter, clock, at };
}

const inspiration: SubmitMusicInput = { mode: "inspiration", description: "a song about the ocean at night", instrumental: false, model: "v5" };
const custom: SubmitMusicInput = { mode: "custom", lyrics: "[Verse]\nMy own words", title: "Mine", style: "indie folk", instrumental: false, model: "v4" };

describe("demo adapter lifecycle", () => {
  it("is queued, then running, then streaming, then succeeded", async () => {
    const { adapter, at } = setup();
    const { vendorTaskId } = await adapter.submitMusic(inspiration);

    const queued = await at(vendorTaskId, DEMO_RUNNING_AFTER_MS - 1);
    expect(queued).toMatchObject({ status: "queued", progress: 0, clips: [], startedAt: null });
    expect(queued.submittedAt?.getTime()).toBe(T0);

    const running = await at(vendorTaskId, DEMO_RUNNING_AFTER_MS);
    expect(running).toMatchObject({ status: "running", progress: 10, clips: [] });

    const streaming = await at(vendorTaskId, DEMO_STREAMING_AFTER_MS + 500);
    expect(streaming.status).toBe("running");
    expect(streaming.progress).toBeGreaterThan(10);
    expect(streaming.progress).toBeLessThan(90);
    expect(streaming.clips).toHaveLength(2);
    for (const clip of streaming.clips) {
      expect(clip).toMatchObject({ state: "streaming", audioUrl: null, duration: null });
      expect(clip.streamAudioUrl).toMatch(/^demo:audio\//);
      expect(clip.title).toBeTruthy();
      expect(clip.style).toBeTruthy();
    }

    expect((await at(vendorTaskId, DEMO_PROGRESS_PEAK_MS + 500)).progress).toBe(90);

    const done = await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS);
    expect(done).toMatchObject({ status: "succeeded", progress: 100 });
    expect(done.finishedAt?.getTime()).toBe(T0 + DEMO_SUCCEEDED_AFTER_MS);
    expect(done.clips.map((c) => c.vendorClipId)).toEqual(streaming.clips.map((c) => c.vendorClipId));
    for (const clip of done.clips) {
      expect(clip).toMatchObject({ state: "succeeded", model: "v5", vendorModel: "demo-v5", streamAudioUrl: null });
      expect(clip.duration).toBeGreaterThanOrEqual(20);
      expect(clip.lyrics).toContain("[Chorus]");
      expect(clip.createdAt).toBeInstanceOf(Date);
      expect(renderDemoAsset(clip.audioUrl!)?.contentType).toBe("audio/wav");
      expect(renderDemoAsset(clip.imageUrl!)?.contentType).toBe("image/svg+xml");
    }
    expect(done.clips[0].audioUrl).not.toBe(done.clips[1].audioUrl);
  });

  it("reports the same song for the same request and new clip ids per submission", async () => {
    const { adapter, clock, at } = setup();
    const first = await adapter.submitMusic(inspiration);
    clock.now += 60_000;
    const second = await adapter.submitMusic(inspiration);
    const a = await at(first.vendorTaskId, 120_000);
    const b = await at(second.vendorTaskId, 120_000);
    expect(a.clips.map((c) => [c.title, c.lyrics, c.audioUrl, c.imageUrl])).toEqual(b.clips.map((c) => [c.title, c.lyrics, c.audioUrl, c.imageUrl]));
    expect(new Set([...a.clips, ...b.clips].map((c) => c.vendorClipId)).size).toBe(4);
  });

  it("keeps the user's words in custom mode", async () => {
    const { adapter, at } = setup();
    const { vendorTaskId } = await adapter.submitMusic(custom);
    const [clip] = (await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS)).clips;
    expect(clip).toMatchObject({ title: "Mine", style: "indie folk", lyrics: "[Verse]\nMy own words", model: "v4" });
  });

  it("has no lyrics for instrumentals", async () => {
    const { adapter, at } = setup();
    const { vendorTaskId } = await adapter.submitMusic({ ...inspiration, instrumental: true });
    expect((await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS)).clips.every((c) => c.lyrics === null)).toBe(true);
  });

  it("extends to continueAt plus about 20 s", async () => {
    const { adapter, at } = setup();
    const { vendorTaskId } = await adapter.submitMusic({ ...custom, extend: { vendorClipId: "x-0", continueAt: 18 } });
    const clips = (await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS)).clips;
    expect(clips).toHaveLength(2);
    expect(clips[0]).toMatchObject({ title: "Mine (extended)", duration: 38 });
    const wav = renderDemoAsset(clips[0].audioUrl!)!.body;
    expect((wav.length - 44) / 2 / 22050).toBeCloseTo(38, 2);
  });

  it("writes lyrics at once and returns them again on fetch", async () => {
    const { adapter, at } = setup();
    const result = await adapter.submitLyrics({ prompt: "rainy Tokyo streets" });
    expect(result.task).toMatchObject({ status: "succeeded", progress: 100, clips: [] });
    const lyrics = result.task?.lyrics;
    expect(lyrics?.title).toBeTruthy();
    expect(lyrics?.text).toMatch(/\[Verse\][\s\S]*\[Chorus\][\s\S]*\[Bridge\]/);
    expect((await at(result.vendorTaskId, 999_999)).lyrics).toEqual(lyrics);
  });

  it("leaves ids it did not issue out of the answer", async () => {
    const { adapter } = setup();
    const { vendorTaskId } = await adapter.submitMusic(inspiration);
    const tasks = await adapter.fetchTasks(["garbage", "demo_", "demo_AAAA", vendorTaskId]);
    expect([...tasks.keys()]).toEqual([vendorTaskId]);
  });
});

describe("demo adapter surface", () => {
  const adapter = createDemoAdapter(config);

  it("offers v3.5 to v5 with a modern default", () => {
    expect(adapter.protocol).toBe("demo");
    expect(adapter.models.map((m) => m.id).sort()).toEqual(["v3.5", "v4", "v4.5", "v4.5+", "v5"]);
    expect(["v4.5", "v5"]).toContain(adapter.models[0].id);
    expect(adapter.models.find((m) => m.id === "v4.5")).toMatchObject({ vendorModel: "demo-v4.5", limits: { lyrics: 5000 } });
    expect(adapter.models.find((m) => m.id === "v3.5")?.limits.lyrics).toBe(3000);
  });

  it("refuses a model it does not offer", async () => {
    await expect(adapter.submitMusic({ ...inspiration, model: "v5.5" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("always connects", async () => {
    expect(await adapter.testConnection()).toEqual({ ok: true, message: expect.stringContaining("built in") });
  });
});
