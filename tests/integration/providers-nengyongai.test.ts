import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import type { ProviderAdapter, ProviderConfig } from "@/lib/server/providers/types";
import { loadFixture, startNengyongaiSimulator, type Simulator } from "@/tests/simulators";
import {
  deadUrl,
  expectMedia,
  FAST_STEPS,
  FAST_TIMEOUTS,
  HOLD_STEPS,
  pollUntil,
  significant,
  startCallbackReceiver,
  vendorError,
  walkLifecycle,
} from "./providers-support";

// The nengyongai adapter against the nengyongai simulator (GoAPI fetch envelope,
// no batch fetch), over real HTTP.

let sim: Simulator;
let adapter: ProviderAdapter;
const config = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: "nengyongai",
  name: "nengyongai",
  protocol: "nengyongai",
  baseUrl: sim.url,
  apiKey: sim.key,
  ...over,
});
const lastBody = () => sim.requests.at(-1)?.body as Record<string, unknown>;

beforeAll(async () => {
  sim = await startNengyongaiSimulator({ steps: FAST_STEPS });
  adapter = createAdapter(config(), FAST_TIMEOUTS);
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.control.reset();
  sim.control.setSteps(FAST_STEPS);
});

describe("nengyongai adapter ↔ simulator", () => {
  it("inspiration: fixture request, GoAPI lifecycle, media served", async () => {
    sim.control.setSteps(HOLD_STEPS);
    const fixture = loadFixture("nengyongai", "submit_request_inspiration");
    const { vendorTaskId } = await adapter.submitMusic({
      mode: "inspiration",
      description: fixture.gpt_description_prompt,
      instrumental: false,
      model: "v4",
      callbackUrl: fixture.notify_hook,
    });
    expect(lastBody()).toEqual(fixture);
    const { queued, running, done: task } = await walkLifecycle(sim, adapter, vendorTaskId);
    expect([queued, running, task].map((t) => [t.status, t.vendorStatus, t.progress])).toEqual([
      ["queued", "pending", 0],
      ["running", "processing", 50],
      ["succeeded", "completed", 100],
    ]);
    expect(running.clips.find((c) => c.state === "streaming")?.streamAudioUrl).toContain("/audiopipe/");
    expect(task.clips).toHaveLength(2);
    for (const clip of task.clips) {
      expect(clip).toMatchObject({ state: "succeeded", model: "v4", vendorModel: "chirp-v4" });
      await expectMedia(clip.audioUrl, "audio");
      await expectMedia(clip.imageUrl, "image");
    }
  });

  it("custom and instrumental", async () => {
    const custom = loadFixture("nengyongai", "submit_request_custom");
    await adapter.submitMusic({ mode: "custom", lyrics: custom.prompt, style: custom.tags, title: custom.title, instrumental: false, model: "v4" });
    expect(significant(lastBody())).toEqual(significant(custom));
    const { vendorTaskId } = await adapter.submitMusic({ mode: "custom", style: "ambient", title: "Drift", instrumental: true, model: "v3.5" });
    expect(lastBody()).toMatchObject({ make_instrumental: true, prompt: "", mv: "chirp-v3-5" });
    expect((await pollUntil(adapter, vendorTaskId)).task.clips[0]).toMatchObject({ title: "Drift", style: "ambient" });
  });

  it("extends a finished clip", async () => {
    const first = await adapter.submitMusic({ mode: "inspiration", description: "blowing in the wind", instrumental: false, model: "v4" });
    const { task: source } = await pollUntil(adapter, first.vendorTaskId);
    const fixture = loadFixture("nengyongai", "submit_request_extend");
    const clipId = source.clips[0].vendorClipId;
    const extended = await adapter.submitMusic({
      mode: "custom",
      lyrics: fixture.prompt,
      style: fixture.tags,
      title: fixture.title,
      instrumental: false,
      model: "v4",
      extend: { vendorClipId: clipId, vendorTaskId: first.vendorTaskId, continueAt: 80 },
    });
    expect(lastBody()).toEqual({ ...fixture, task_id: first.vendorTaskId, continue_clip_id: clipId });
    expect((await pollUntil(adapter, extended.vendorTaskId)).task.status).toBe("succeeded");
  });

  it("writes lyrics (the TaskDto form)", async () => {
    const { vendorTaskId } = await adapter.submitLyrics({ prompt: "autumn rain" });
    expect(lastBody()).toEqual({ prompt: "autumn rain" });
    const { task } = await pollUntil(adapter, vendorTaskId);
    expect(task.lyrics?.text).toContain("autumn rain");
  });

  it("fetches many ids one GET each, at most 4 at a time; unknown ids are absent", async () => {
    const a = await adapter.submitMusic({ mode: "inspiration", description: "a", instrumental: false, model: "v4" });
    const b = await adapter.submitLyrics({ prompt: "b" });
    sim.control.reset();
    sim.control.inject("fetch", { kind: "delay", ms: 200 }, 10);
    const ids = [a.vendorTaskId, b.vendorTaskId, "x1", "x2", "x3", "x4", "x5", "x6"];
    const map = await adapter.fetchTasks(ids);
    expect([...map.keys()].sort()).toEqual([a.vendorTaskId, b.vendorTaskId].sort());
    expect(sim.requests.every((r) => r.method === "GET" && r.path.startsWith("/suno/fetch/"))).toBe(true);
    expect(sim.control.counts()).toMatchObject({ fetch: 8, maxInFlight: 4 });
  });

  it("a failing task carries the clips' error message", async () => {
    sim.control.failNextTask("Tags contained artist name");
    const { vendorTaskId } = await adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" });
    const { task } = await pollUntil(adapter, vendorTaskId);
    expect(task).toMatchObject({ status: "failed", error: { message: "Tags contained artist name" } });
  });

  it("POSTs the GoAPI data object to notify_hook", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const { vendorTaskId } = await adapter.submitMusic({ mode: "inspiration", description: "cb", instrumental: false, model: "v4", callbackUrl: receiver.url });
      await receiver.waitFor(1);
      expect(receiver.received[0].body).toMatchObject({ task_id: vendorTaskId, status: "completed" });
    } finally {
      await receiver.stop();
    }
  });

  it("the GoAPI submit answer and the new-api fetch envelope work too", async () => {
    const other = await startNengyongaiSimulator({ steps: FAST_STEPS, submitVariant: "goapi", fetchEnvelope: "newapi" });
    try {
      const a = createAdapter(config({ baseUrl: other.url, apiKey: other.key }), FAST_TIMEOUTS);
      const { vendorTaskId, raw } = await a.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" });
      expect(raw).toMatchObject({ code: 200, data: { task_id: vendorTaskId } });
      const { task } = await pollUntil(a, vendorTaskId);
      expect(task).toMatchObject({ status: "succeeded", vendorStatus: "SUCCESS" });
      expect((await a.fetchTasks(["missing"])).size).toBe(0);
    } finally {
      await other.stop();
    }
  });
});

describe("nengyongai adapter faults", () => {
  it("testConnection: accepted, rejected, unreachable", async () => {
    expect(await adapter.testConnection()).toEqual({ ok: true, message: "key accepted" });
    const wrong = createAdapter(config({ apiKey: "sk-wrong-key-123456" }), FAST_TIMEOUTS);
    expect(await wrong.testConnection()).toMatchObject({ ok: false, reason: "rejected" });
    const dead = createAdapter(config({ baseUrl: await deadUrl() }), FAST_TIMEOUTS);
    expect(await dead.testConnection()).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("a hanging vendor is a timeout, and stops the round", async () => {
    sim.control.inject("fetch", { kind: "hang" }, 100);
    const fast = createAdapter(config(), { timeoutMs: 250 });
    expect(await vendorError(fast.fetchTasks(["a", "b", "c", "d", "e", "f", "g", "h"]))).toMatchObject({ code: "timeout" });
    expect(sim.control.counts().fetch).toBe(4);
  });

  it("429 with Retry-After is rate_limited", async () => {
    sim.control.inject("fetch", { kind: "rate-limit", retryAfter: "5" });
    expect(await vendorError(adapter.fetchTasks(["a"]))).toMatchObject({ code: "rate_limited", retryAfter: 5 });
  });

  it("one broken task does not hide the others", async () => {
    const ok = await adapter.submitLyrics({ prompt: "fine" });
    sim.control.reset();
    sim.control.inject("fetch", { kind: "html" }, 1, "/broken");
    const map = await adapter.fetchTasks(["broken", ok.vendorTaskId]);
    expect([...map.keys()]).toEqual([ok.vendorTaskId]);
  });

  it.each([{ kind: "html" as const }, { kind: "empty" as const }, { kind: "truncated" as const }])("%o is bad_response", async (fault) => {
    sim.control.inject("any", fault);
    expect(await vendorError(adapter.fetchTasks(["a"]))).toMatchObject({ code: "bad_response" });
  });

  it("submit errors keep the vendor's message", async () => {
    sim.control.inject("submit", { kind: "fixture", name: "error_401_invalid_token" });
    const err = await vendorError(adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" }));
    expect(err).toMatchObject({ code: "auth", httpStatus: 401 });
    expect(err.vendorMessage).toContain("无效的令牌");
    // An error inside an HTTP 200 is still an error.
    sim.control.inject("lyrics", { kind: "vendor-error", status: 200, message: "no balance left", code: "insufficient_user_quota" });
    expect(await vendorError(adapter.submitLyrics({ prompt: "x" }))).toMatchObject({ code: "quota", vendorMessage: "no balance left" });
  });

  it("echoed keys are scrubbed", async () => {
    sim.control.inject("any", { kind: "echo-auth" });
    const err = await vendorError(adapter.submitLyrics({ prompt: "x" }));
    expect(JSON.stringify({ m: err.message, v: err.vendorMessage, r: err.raw })).not.toContain(sim.key.replace(/^sk-/, ""));
  });
});
