import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import type { ProviderAdapter, ProviderConfig } from "@/lib/server/providers/types";
import { loadFixture, startNewapiSimulator, type Simulator } from "@/tests/simulators";
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

// The newapi adapter against the newapi simulator, over real HTTP.

let sim: Simulator;
let adapter: ProviderAdapter;
const config = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: "newapi",
  name: "new-api relay",
  protocol: "newapi",
  baseUrl: sim.url,
  apiKey: sim.key,
  ...over,
});
const lastBody = () => sim.requests.at(-1)?.body as Record<string, unknown>;

beforeAll(async () => {
  sim = await startNewapiSimulator({ steps: FAST_STEPS });
  adapter = createAdapter(config(), FAST_TIMEOUTS);
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.control.reset();
  sim.control.setSteps(FAST_STEPS);
});

describe("newapi adapter ↔ simulator", () => {
  it("inspiration: sends the fixture's request, walks queued → running → succeeded, media is served", async () => {
    sim.control.setSteps(HOLD_STEPS);
    const fixture = loadFixture("newapi", "submit_request_inspiration");
    const { vendorTaskId } = await adapter.submitMusic({
      mode: "inspiration",
      description: fixture.gpt_description_prompt,
      instrumental: false,
      model: "v4",
      callbackUrl: fixture.notify_hook,
    });
    expect(lastBody()).toEqual(fixture);

    const { queued, running, done: task } = await walkLifecycle(sim, adapter, vendorTaskId);
    expect(queued).toMatchObject({ status: "queued", vendorStatus: "NOT_START", progress: 0, clips: [] });
    expect(running).toMatchObject({ status: "running", vendorStatus: "IN_PROGRESS" });
    expect(running.clips[0]).toMatchObject({ state: "streaming", audioUrl: null });
    expect(running.clips[0].streamAudioUrl).toContain("/audiopipe/");
    await expectMedia(running.clips[0].streamAudioUrl, "audio");

    expect(task).toMatchObject({ status: "succeeded", progress: 100, error: null });
    expect(task.clips).toHaveLength(2);
    for (const clip of task.clips) {
      expect(clip).toMatchObject({ state: "succeeded", model: "v4", streamAudioUrl: null, duration: 2 });
      await expectMedia(clip.audioUrl, "audio");
      await expectMedia(clip.imageUrl, "image");
    }
  });

  it("custom and custom instrumental send what the fixtures show", async () => {
    const custom = loadFixture("newapi", "submit_request_custom");
    await adapter.submitMusic({
      mode: "custom",
      lyrics: custom.prompt,
      style: custom.tags,
      negativeStyle: custom.negative_tags,
      title: custom.title,
      instrumental: false,
      model: "v4",
      callbackUrl: custom.notify_hook,
    });
    expect(lastBody()).toEqual(custom);

    const instrumental = loadFixture("newapi", "submit_request_custom_instrumental");
    const { vendorTaskId } = await adapter.submitMusic({ mode: "custom", style: "heavy metal", title: "Beijing", instrumental: true, model: "v4" });
    expect(lastBody()).toEqual(instrumental);
    const { task } = await pollUntil(adapter, vendorTaskId);
    expect(task.clips[0]).toMatchObject({ title: "Beijing", style: "heavy metal", state: "succeeded" });
  });

  it("extends a finished clip", async () => {
    const first = await adapter.submitMusic({ mode: "inspiration", description: "rain on neon", instrumental: false, model: "v4" });
    const { task: source } = await pollUntil(adapter, first.vendorTaskId);
    const clip = source.clips[0];
    const fixture = loadFixture("newapi", "submit_request_extend");
    const extended = await adapter.submitMusic({
      mode: "custom",
      lyrics: fixture.prompt,
      style: fixture.tags,
      title: fixture.title,
      instrumental: false,
      model: "v4",
      extend: { vendorClipId: clip.vendorClipId, vendorTaskId: first.vendorTaskId, continueAt: 80 },
    });
    expect(lastBody()).toEqual({ ...fixture, task_id: first.vendorTaskId, continue_clip_id: clip.vendorClipId });
    expect((await pollUntil(adapter, extended.vendorTaskId)).task.status).toBe("succeeded");
  });

  it("an extend of an unknown task is a bad request with the vendor's words", async () => {
    const err = await vendorError(
      adapter.submitMusic({ mode: "custom", lyrics: "x", instrumental: false, model: "v4", extend: { vendorClipId: "nope", vendorTaskId: "nope", continueAt: 10 } }),
    );
    expect(err).toMatchObject({ code: "not_found", vendorMessage: "task_not_exist", httpStatus: 400 });
  });

  it("writes lyrics", async () => {
    const { vendorTaskId } = await adapter.submitLyrics({ prompt: "dance" });
    expect(lastBody()).toEqual(loadFixture("newapi", "lyrics_submit_request"));
    const { task } = await pollUntil(adapter, vendorTaskId);
    expect(task).toMatchObject({ status: "succeeded", clips: [] });
    expect(task.lyrics?.text).toContain("dance");
  });

  it("batch-fetches music and lyrics in one request; unknown ids are absent", async () => {
    const music = await adapter.submitMusic({ mode: "inspiration", description: "a", instrumental: false, model: "v3.5" });
    const lyrics = await adapter.submitLyrics({ prompt: "b" });
    sim.control.reset();
    const map = await adapter.fetchTasks([music.vendorTaskId, lyrics.vendorTaskId, "unknown-id", music.vendorTaskId]);
    expect([...map.keys()].sort()).toEqual([music.vendorTaskId, lyrics.vendorTaskId].sort());
    expect(map.get(lyrics.vendorTaskId)?.lyrics).not.toBeNull();
    // Unknown ids vanish, so the adapter asks once more for them as LYRICS.
    expect(sim.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", "/suno/fetch"],
      ["POST", "/suno/fetch"],
    ]);
    const sent = sim.requests[0].body as { ids: string[]; action: string };
    expect(Object.keys(sent).sort()).toEqual(Object.keys(loadFixture("newapi", "batch_fetch_request")).sort());
    expect(sent).toEqual({ ids: [music.vendorTaskId, lyrics.vendorTaskId, "unknown-id"], action: "MUSIC" });
    expect(sim.requests[1].body).toEqual({ ids: ["unknown-id"], action: "LYRICS" });
  });

  it("a single id uses GET /suno/fetch/{id}; an unknown one is simply absent", async () => {
    const map = await adapter.fetchTasks(["does-not-exist"]);
    expect(map.size).toBe(0);
    expect(sim.requests.map((r) => [r.method, r.path])).toEqual([["GET", "/suno/fetch/does-not-exist"]]);
    expect((await adapter.fetchTasks([])).size).toBe(0);
  });

  it("1,000 tasks cost one batch request per 100 ids (plus one LYRICS follow-up for ids it did not know)", async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `t-${i}`);
    const one = await adapter.submitLyrics({ prompt: "z" });
    ids[0] = one.vendorTaskId;
    sim.control.reset();
    // Most ids are unknown, so each chunk also gets its LYRICS follow-up.
    await adapter.fetchTasks(ids);
    expect(sim.control.counts().fetch).toBe(20);
    expect(sim.control.counts().fetchedIds).toBeLessThanOrEqual(2000);
  });

  it("a failing task carries the vendor's reason", async () => {
    sim.control.failNextTask("Lyrics contained copyrighted material");
    const { vendorTaskId } = await adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" });
    const { task } = await pollUntil(adapter, vendorTaskId);
    expect(task).toMatchObject({ status: "failed", error: { code: "generation_failed", message: "Lyrics contained copyrighted material" } });
    expect(task.clips.every((c) => c.state === "failed" && c.audioUrl === null)).toBe(true);
  });

  it("POSTs the task to notify_hook when it finishes", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const { vendorTaskId } = await adapter.submitMusic({
        mode: "inspiration",
        description: "callback me",
        instrumental: false,
        model: "v4",
        callbackUrl: receiver.url,
      });
      await receiver.waitFor(1);
      expect(receiver.received[0].path).toBe("/api/webhooks/test/secret-token");
      expect(receiver.received[0].body).toMatchObject({ task_id: vendorTaskId });
      await sim.control.deliverCallback(vendorTaskId);
      await receiver.waitFor(2);
    } finally {
      await receiver.stop();
    }
  });

  it("the raw Suno clip shape parses as well as the flattened one", async () => {
    const raw = await startNewapiSimulator({ steps: FAST_STEPS, clipShape: "raw", honourBatchAction: true });
    try {
      const a = createAdapter(config({ baseUrl: raw.url, apiKey: raw.key }), FAST_TIMEOUTS);
      const music = await a.submitMusic({ mode: "inspiration", description: "raw", instrumental: false, model: "v4" });
      const lyrics = await a.submitLyrics({ prompt: "raw lyrics" });
      const { task } = await pollUntil(a, music.vendorTaskId);
      expect(task.clips.map((c) => c.state)).toEqual(["succeeded", "succeeded"]);
      // A gateway that honours `action` hides lyrics from a MUSIC batch; the follow-up finds them.
      const map = await a.fetchTasks([music.vendorTaskId, lyrics.vendorTaskId]);
      expect(map.get(lyrics.vendorTaskId)?.status).toBe("succeeded");
    } finally {
      await raw.stop();
    }
  });
});

describe("newapi adapter faults", () => {
  const submit = (a = adapter) => a.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" });

  it("testConnection: accepted, rejected, unreachable", async () => {
    expect(await adapter.testConnection()).toEqual({ ok: true, message: "key accepted" });
    const wrong = createAdapter(config({ apiKey: "sk-wrong-key-123456" }), FAST_TIMEOUTS);
    expect(await wrong.testConnection()).toMatchObject({ ok: false, reason: "rejected", message: expect.stringContaining("无效的令牌") });
    const dead = createAdapter(config({ baseUrl: await deadUrl() }), FAST_TIMEOUTS);
    expect(await dead.testConnection()).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("a hanging vendor is a timeout", async () => {
    sim.control.inject("fetch", { kind: "hang" });
    const fast = createAdapter(config(), { timeoutMs: 250 });
    expect(await vendorError(fast.fetchTasks(["a", "b"]))).toMatchObject({ code: "timeout" });
  });

  it("429 with Retry-After is rate_limited with retryAfter", async () => {
    sim.control.inject("fetch", { kind: "rate-limit", retryAfter: 3 });
    expect(await vendorError(adapter.fetchTasks(["a"]))).toMatchObject({ code: "rate_limited", retryAfter: 3, httpStatus: 429 });
  });

  it.each([
    [{ kind: "html" as const }, 502],
    [{ kind: "empty" as const }, 200],
    [{ kind: "truncated" as const }, 200],
  ])("%o is bad_response", async (fault, status) => {
    sim.control.inject("any", fault);
    expect(await vendorError(adapter.fetchTasks(["a", "b"]))).toMatchObject({ code: "bad_response", httpStatus: status });
  });

  it("a reset connection is vendor_unavailable", async () => {
    sim.control.inject("fetch", { kind: "reset" });
    expect(await vendorError(adapter.fetchTasks(["a"]))).toMatchObject({ code: "vendor_unavailable" });
  });

  it.each([
    ["error_403_quota_not_enough", "quota"],
    ["error_403_insufficient_user_quota", "quota"],
    ["error_401_token_exhausted", "quota"],
    ["error_503_no_channel", "vendor_unavailable"],
    ["error_500_upstream", "vendor_unavailable"],
    ["error_400_invalid_request", "bad_request"],
  ])("submit answered with %s → %s, vendor message kept, never retried", async (name, code) => {
    sim.control.inject("submit", { kind: "fixture", name });
    const err = await vendorError(submit());
    expect(err.code).toBe(code);
    const body = loadFixture("newapi", name);
    expect(err.vendorMessage).toBe(body.message ?? body.error.message);
    expect(sim.control.counts().submit).toBe(1);
  });

  it("a truncated submit answer is bad_response and is not retried", async () => {
    sim.control.inject("submit", { kind: "truncated" });
    expect(await vendorError(submit())).toMatchObject({ code: "bad_response" });
    expect(sim.control.counts().submit).toBe(1);
  });

  it("a model the protocol does not offer fails before any request", async () => {
    expect(await vendorError(adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v5.5" }))).toMatchObject({
      code: "bad_request",
    });
    expect(sim.control.counts().api).toBe(0);
  });

  it("a vendor echoing the Authorization header never leaks the key", async () => {
    sim.control.inject("any", { kind: "echo-auth" });
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    vi.stubEnv("SONGLOFT_LOG", "info");
    try {
      const err = await vendorError(submit());
      expect(err.code).toBe("auth");
      expect(err.vendorMessage).toContain("Bearer ***");
      const everything = JSON.stringify({ m: err.message, v: err.vendorMessage, r: err.raw, s: err.stack }) + lines.join("\n");
      expect(everything).not.toContain(sim.key);
      expect(everything).not.toContain(sim.key.replace(/^sk-/, ""));
      sim.control.inject("any", { kind: "echo-auth" });
      const test = await adapter.testConnection();
      expect(test.ok).toBe(false);
      expect(JSON.stringify(test)).not.toContain(sim.key.replace(/^sk-/, ""));
    } finally {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    }
  });
});
