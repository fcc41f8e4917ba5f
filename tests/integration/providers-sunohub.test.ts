import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import type { ProviderAdapter, ProviderConfig } from "@/lib/server/providers/types";
import { loadFixture, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import {
  deadUrl,
  expectMedia,
  FAST_STEPS,
  FAST_TIMEOUTS,
  HOLD_STEPS,
  pollUntil,
  startCallbackReceiver,
  vendorError,
  walkLifecycle,
} from "./providers-support";

// The sunohub adapter against the sunohub (AceData clone) simulator, over real HTTP.

let sim: Simulator;
let adapter: ProviderAdapter;
const config = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: "sunohub",
  name: "sunohub",
  protocol: "sunohub",
  baseUrl: sim.url,
  apiKey: sim.key,
  ...over,
});
const lastBody = () => sim.requests.at(-1)?.body as Record<string, unknown>;

beforeAll(async () => {
  sim = await startSunohubSimulator({ steps: FAST_STEPS });
  adapter = createAdapter(config(), FAST_TIMEOUTS);
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.control.reset();
  sim.control.setSteps(FAST_STEPS);
});

describe("sunohub adapter ↔ simulator", () => {
  it("inspiration with a callback: fixture request, immediate task id, lifecycle, media, callback", async () => {
    sim.control.setSteps(HOLD_STEPS);
    const receiver = await startCallbackReceiver();
    try {
      const fixture = loadFixture("sunohub", "submit_request_inspiration");
      const result = await adapter.submitMusic({ mode: "inspiration", description: fixture.prompt, instrumental: false, model: "v4", callbackUrl: receiver.url });
      expect(lastBody()).toEqual({ ...fixture, callback_url: receiver.url });
      expect(result.task).toBeUndefined();

      const { queued, running, done: task } = await walkLifecycle(sim, adapter, result.vendorTaskId);
      expect(queued).toMatchObject({ status: "queued", progress: 0, clips: [] });
      expect(running).toMatchObject({ status: "running", progress: 50 });
      expect(running.clips[0]).toMatchObject({ state: "running", audioUrl: null });
      expect(running.clips[0].streamAudioUrl).toContain("/audiopipe/");
      expect(running.clips[1]).toMatchObject({ state: "queued", streamAudioUrl: null });
      for (const clip of task.clips) {
        expect(clip).toMatchObject({ state: "succeeded", model: "v4", duration: 2 });
        await expectMedia(clip.audioUrl, "audio");
        await expectMedia(clip.imageUrl, "image");
      }
      expect(task.finishedAt).not.toBeNull();

      await receiver.waitFor(1);
      expect(receiver.received[0].body).toMatchObject({ success: true, task_id: result.vendorTaskId });
    } finally {
      await receiver.stop();
    }
  });

  it("without a callback it asks for async:true and still gets an id at once", async () => {
    sim.control.setSteps(HOLD_STEPS);
    const { vendorTaskId, task } = await adapter.submitMusic({ mode: "inspiration", description: "quick", instrumental: false, model: "v4.5" });
    expect(task).toBeUndefined();
    expect(sim.control.stage(vendorTaskId)).toBe("queued");
    sim.control.finishTask(vendorTaskId);
    expect(lastBody()).toMatchObject({ async: true, model: "chirp-v4-5" });
    expect(lastBody()).not.toHaveProperty("callback_url");
    expect((await pollUntil(adapter, vendorTaskId)).task.status).toBe("succeeded");
  });

  it("custom and instrumental", async () => {
    const fixture = loadFixture("sunohub", "submit_request_custom");
    await adapter.submitMusic({
      mode: "custom",
      lyrics: fixture.lyric,
      title: fixture.title,
      style: fixture.style,
      negativeStyle: fixture.style_negative,
      instrumental: false,
      model: "v4.5",
      callbackUrl: fixture.callback_url,
    });
    expect(lastBody()).toEqual(fixture);
    const { vendorTaskId } = await adapter.submitMusic({ mode: "custom", title: "Drift", style: "ambient", instrumental: true, model: "v5" });
    expect(lastBody()).toEqual({ action: "generate", model: "chirp-v5", custom: true, instrumental: true, title: "Drift", style: "ambient", async: true });
    expect((await pollUntil(adapter, vendorTaskId)).task.clips[0]).toMatchObject({ title: "Drift", style: "ambient" });
  });

  it("extends a finished clip", async () => {
    const first = await adapter.submitMusic({ mode: "inspiration", description: "A song for Christmas", instrumental: false, model: "v4.5" });
    const { task: source } = await pollUntil(adapter, first.vendorTaskId);
    const fixture = loadFixture("sunohub", "submit_request_extend");
    const clipId = source.clips[0].vendorClipId;
    const extended = await adapter.submitMusic({
      mode: "custom",
      lyrics: fixture.lyric,
      style: fixture.style,
      instrumental: false,
      model: "v4.5",
      extend: { vendorClipId: clipId, continueAt: 120.5 },
      callbackUrl: fixture.callback_url,
    });
    expect(lastBody()).toEqual({ ...fixture, audio_id: clipId });
    expect((await pollUntil(adapter, extended.vendorTaskId)).task.status).toBe("succeeded");
  });

  it("lyrics answer synchronously", async () => {
    const fixture = loadFixture("sunohub", "lyrics_request");
    const result = await adapter.submitLyrics({ prompt: fixture.prompt });
    expect(lastBody()).toEqual({ prompt: fixture.prompt });
    expect(result.task).toMatchObject({ vendorTaskId: result.vendorTaskId, status: "succeeded" });
    expect(result.task?.lyrics?.text).toContain("A song about winter");
    expect((await adapter.fetchTasks([result.vendorTaskId])).get(result.vendorTaskId)?.lyrics).toEqual(result.task?.lyrics);
  });

  it("a variant that ignores async answers synchronously with the finished task", async () => {
    const sync = await startSunohubSimulator({ steps: FAST_STEPS, ignoreAsync: true });
    try {
      const a = createAdapter(config({ baseUrl: sync.url, apiKey: sync.key }), FAST_TIMEOUTS);
      const result = await a.submitMusic({ mode: "inspiration", description: "slow vendor", instrumental: false, model: "v4" });
      expect(result.task).toMatchObject({ status: "succeeded", vendorTaskId: result.vendorTaskId });
      expect(result.task?.clips).toHaveLength(2);
      sync.control.failNextTask();
      const failed = await vendorError(a.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" }));
      expect(failed).toMatchObject({ code: "moderation", vendorMessage: "Song Description contained artist name" });
    } finally {
      await sync.stop();
    }
  });

  it("fetches one with retrieve and many with retrieve_batch; unknown ids are absent", async () => {
    const a = await adapter.submitLyrics({ prompt: "one" });
    const b = await adapter.submitMusic({ mode: "inspiration", description: "two", instrumental: false, model: "v4" });
    sim.control.reset();
    const single = await adapter.fetchTasks([a.vendorTaskId]);
    expect(single.size).toBe(1);
    expect(Object.keys(sim.requests[0].body as object).sort()).toEqual(Object.keys(loadFixture("sunohub", "fetch_request")).sort());
    expect(sim.requests[0].body).toEqual({ id: a.vendorTaskId, action: "retrieve" });

    const many = await adapter.fetchTasks([a.vendorTaskId, b.vendorTaskId, "unknown"]);
    expect([...many.keys()].sort()).toEqual([a.vendorTaskId, b.vendorTaskId].sort());
    expect(sim.requests[1].body).toEqual({ ids: [a.vendorTaskId, b.vendorTaskId, "unknown"], action: loadFixture("sunohub", "fetch_batch_request").action });
    expect(sim.control.counts().fetch).toBe(2);
    expect((await adapter.fetchTasks(["unknown"])).size).toBe(0);
  });

  it("a failing task maps the vendor's error code and keeps its message", async () => {
    sim.control.failNextTask("Prompt likely copyrighted");
    const { vendorTaskId } = await adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" });
    const { task } = await pollUntil(adapter, vendorTaskId);
    expect(task).toMatchObject({ status: "failed", error: { code: "moderation", message: "Prompt likely copyrighted" } });
  });

  it("the vendor's own validation errors come back as bad_request", async () => {
    const err = await vendorError(
      adapter.submitMusic({ mode: "custom", lyrics: "x", instrumental: false, model: "v4", extend: { vendorClipId: "nope", continueAt: 5 } }),
    );
    expect(err).toMatchObject({ code: "bad_request", vendorMessage: "The song id does not exist or has been taken offline." });
  });
});

describe("sunohub adapter faults", () => {
  it("testConnection: accepted, rejected, unreachable", async () => {
    expect(await adapter.testConnection()).toEqual({ ok: true, message: "key accepted" });
    const wrong = createAdapter(config({ apiKey: "sk-wrong-key-123456" }), FAST_TIMEOUTS);
    expect(await wrong.testConnection()).toMatchObject({ ok: false, reason: "rejected", message: "key rejected: invalid token" });
    const dead = createAdapter(config({ baseUrl: await deadUrl() }), FAST_TIMEOUTS);
    expect(await dead.testConnection()).toMatchObject({ ok: false, reason: "unreachable" });
    sim.control.inject("fetch", { kind: "status", status: 503, body: loadFixture("sunohub", "error_500_api_error") });
    expect(await adapter.testConnection()).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("a hanging submit is a timeout and is not retried", async () => {
    sim.control.inject("submit", { kind: "hang" });
    const fast = createAdapter(config(), { submitTimeoutMs: 250 });
    expect(await vendorError(fast.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" }))).toMatchObject({ code: "timeout" });
    expect(sim.control.counts().submit).toBe(1);
  });

  it("429 with an HTTP-date Retry-After is rate_limited", async () => {
    sim.control.inject("fetch", { kind: "rate-limit", retryAfter: new Date(Date.now() + 10_000).toUTCString() });
    const err = await vendorError(adapter.fetchTasks(["a", "b"]));
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfter).toBeGreaterThanOrEqual(8);
    expect(err.vendorMessage).toBe("too many requests");
  });

  it.each([{ kind: "html" as const }, { kind: "empty" as const }, { kind: "truncated" as const }])("%o is bad_response", async (fault) => {
    sim.control.inject("any", fault);
    expect(await vendorError(adapter.fetchTasks(["a", "b"]))).toMatchObject({ code: "bad_response" });
  });

  it.each([
    ["error_400_bad_request", "bad_request"],
    ["error_403_moderation", "moderation"],
    ["error_403_used_up", "quota"],
    ["error_500_api_error", "vendor_unavailable"],
    ["error_504_timeout", "timeout"],
    ["error_429_too_many_requests", "rate_limited"],
  ])("submit answered with %s → %s", async (name, code) => {
    sim.control.inject("submit", { kind: "fixture", name });
    const err = await vendorError(adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" }));
    expect(err).toMatchObject({ code, vendorMessage: loadFixture("sunohub", name).error.message });
  });

  it("echoed keys are scrubbed", async () => {
    sim.control.inject("any", { kind: "echo-auth" });
    const err = await vendorError(adapter.fetchTasks(["a"]));
    expect(err.code).toBe("auth");
    expect(JSON.stringify({ m: err.message, v: err.vendorMessage, r: err.raw })).not.toContain(sim.key.replace(/^sk-/, ""));
  });
});
