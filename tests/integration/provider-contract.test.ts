import { describe, expect, it, vi } from "vitest";
import type { ModelId } from "@/lib/models";
import { createAdapter } from "@/lib/server/providers";
import type { ProviderAdapter } from "@/lib/server/providers/types";
import { loadFixture, type Fault } from "@/tests/simulators";
import { CONTRACT_VENDORS, useVendorSimulator } from "./provider-contract-vendors";
import { deadUrl, expectMedia, FAST_TIMEOUTS, HOLD_STEPS, pollUntil, significant, startCallbackReceiver, vendorError, walkLifecycle } from "./providers-support";

// Every relay adapter against its simulator, over real HTTP, held to one contract.
// What only one vendor has lives in providers-<vendor>.test.ts.

const inspire = (adapter: ProviderAdapter, description = "x", model: ModelId = "v4") => adapter.submitMusic({ mode: "inspiration", description, instrumental: false, model });

describe.each(CONTRACT_VENDORS)("$protocol adapter ↔ simulator", (vendor) => {
  const v = useVendorSimulator(vendor);

  it("inspiration: sends the fixture's request, walks queued → running → succeeded, media is served", async () => {
    v.sim.control.setSteps(HOLD_STEPS);
    const fixture = loadFixture(vendor.protocol, "submit_request_inspiration");
    const { vendorTaskId } = await v.adapter.submitMusic(vendor.inspiration(fixture));
    expect(v.lastBody()).toEqual(fixture);

    const { queued, running, done } = await walkLifecycle(v.sim, v.adapter, vendorTaskId);
    expect(queued).toMatchObject({ status: "queued", progress: 0 });
    expect(running.status).toBe("running");
    const streaming = running.clips.find((c) => c.streamAudioUrl);
    expect(streaming?.streamAudioUrl).toContain("/audiopipe/");
    await expectMedia(streaming?.streamAudioUrl ?? null, "audio");
    expect(done).toMatchObject({ status: "succeeded", progress: 100 });
    expect(done.clips).toHaveLength(2);
    for (const clip of done.clips) {
      expect(clip).toMatchObject({ state: "succeeded", model: "v4" });
      await expectMedia(clip.audioUrl, "audio");
      await expectMedia(clip.imageUrl, "image");
    }
    vendor.lifecycle(queued, running, done);
  });

  it("custom and custom instrumental send what the fixtures show", async () => {
    const custom = loadFixture(vendor.protocol, "submit_request_custom");
    await v.adapter.submitMusic(vendor.custom(custom));
    if (vendor.customComparesFilledFieldsOnly) expect(significant(v.lastBody())).toEqual(significant(custom));
    else expect(v.lastBody()).toEqual(custom);

    const { input, body } = vendor.instrumental;
    const { vendorTaskId } = await v.adapter.submitMusic(input);
    expect(v.lastBody()).toEqual(body);
    const { task } = await pollUntil(v.adapter, vendorTaskId);
    expect(task.clips[0]).toMatchObject({ title: input.title, style: input.style, state: "succeeded" });
  });

  it("extends a finished clip", async () => {
    const first = await inspire(v.adapter, "rain on neon", vendor.extend.sourceModel);
    const { task: source } = await pollUntil(v.adapter, first.vendorTaskId);
    const ids = { vendorTaskId: first.vendorTaskId, vendorClipId: source.clips[0].vendorClipId };
    const fixture = loadFixture(vendor.protocol, "submit_request_extend");
    const extended = await v.adapter.submitMusic(vendor.extend.input(fixture, ids));
    expect(v.lastBody()).toEqual(vendor.extend.body(fixture, ids));
    expect((await pollUntil(v.adapter, extended.vendorTaskId)).task.status).toBe("succeeded");
  });

  it("writes lyrics", async () => {
    const { vendorTaskId } = await v.adapter.submitLyrics({ prompt: vendor.lyrics.prompt });
    expect(v.lastBody()).toEqual(vendor.lyrics.body);
    const { task } = await pollUntil(v.adapter, vendorTaskId);
    expect(task).toMatchObject({ status: "succeeded", clips: [] });
    expect(task.lyrics?.text).toContain(vendor.lyrics.prompt);
  });

  it("fetches music and lyrics together; unknown ids are simply absent", async () => {
    const music = await inspire(v.adapter, "a");
    const lyrics = await v.adapter.submitLyrics({ prompt: "b" });
    const map = await v.adapter.fetchTasks([music.vendorTaskId, lyrics.vendorTaskId, "unknown-id"]);
    expect([...map.keys()].sort()).toEqual([music.vendorTaskId, lyrics.vendorTaskId].sort());
    expect(map.get(lyrics.vendorTaskId)?.lyrics).not.toBeNull();
    expect((await v.adapter.fetchTasks(["unknown-id"])).size).toBe(0);
    expect((await v.adapter.fetchTasks([])).size).toBe(0);
  });

  it("a failing task carries the vendor's reason", async () => {
    v.sim.control.failNextTask(vendor.failure.reason);
    const { vendorTaskId } = await inspire(v.adapter);
    const { task } = await pollUntil(v.adapter, vendorTaskId);
    expect(task).toMatchObject({ status: "failed", error: { code: vendor.failure.code, message: vendor.failure.reason } });
    expect(task.clips.every((c) => c.state === "failed" && c.audioUrl === null)).toBe(true);
  });

  it("POSTs the finished task to the callback URL, and again when redelivered", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const { vendorTaskId } = await v.adapter.submitMusic({ mode: "inspiration", description: "callback me", instrumental: false, model: "v4", callbackUrl: receiver.url });
      await receiver.waitFor(1);
      expect(receiver.received[0].path).toBe("/api/webhooks/test/secret-token");
      expect(receiver.received[0].body).toMatchObject(vendor.callbackBody(vendorTaskId) as object);
      await v.sim.control.deliverCallback(vendorTaskId);
      await receiver.waitFor(2);
    } finally {
      await receiver.stop();
    }
  });
});

describe.each(CONTRACT_VENDORS.filter((vendor) => vendor.unknownExtend))("$protocol adapter: vendor refusals", (vendor) => {
  const v = useVendorSimulator(vendor);

  it("an extend of an unknown source is refused with the vendor's words", async () => {
    const { input, error } = vendor.unknownExtend!;
    expect(await vendorError(v.adapter.submitMusic(input))).toMatchObject(error);
  });
});

describe.each(CONTRACT_VENDORS.filter((vendor) => vendor.unofferedModel))("$protocol adapter: models", (vendor) => {
  const v = useVendorSimulator(vendor);

  it("a model the protocol does not offer fails before any request", async () => {
    const err = await vendorError(v.adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: vendor.unofferedModel! }));
    expect(err).toMatchObject({ code: "bad_request" });
    expect(v.sim.control.counts().api).toBe(0);
  });
});

describe.each(CONTRACT_VENDORS)("$protocol adapter faults", (vendor) => {
  const v = useVendorSimulator(vendor);

  it("testConnection: accepted, rejected, unreachable", async () => {
    expect(await v.adapter.testConnection()).toEqual({ ok: true, message: "key accepted" });
    const wrong = createAdapter(v.config({ apiKey: "sk-wrong-key-123456" }), FAST_TIMEOUTS);
    expect(await wrong.testConnection()).toMatchObject({ ok: false, reason: "rejected", message: vendor.rejectedKeyMessage });
    const dead = createAdapter(v.config({ baseUrl: await deadUrl() }), FAST_TIMEOUTS);
    expect(await dead.testConnection()).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("a hanging fetch is a timeout", async () => {
    v.sim.control.inject("fetch", { kind: "hang" }, 100);
    const fast = createAdapter(v.config(), { timeoutMs: 250 });
    expect(await vendorError(fast.fetchTasks(vendor.faultIds))).toMatchObject({ code: "timeout" });
  });

  it("a hanging submit is a timeout and is not retried", async () => {
    v.sim.control.inject("submit", { kind: "hang" });
    const fast = createAdapter(v.config(), { submitTimeoutMs: 250 });
    expect(await vendorError(inspire(fast))).toMatchObject({ code: "timeout" });
    expect(v.sim.control.counts().submit).toBe(1);
  });

  it.each([
    ["seconds", 3, 3],
    ["seconds as text", "5", 5],
    ["an HTTP date", "in10s", 8],
  ])("429 with Retry-After in %s is rate_limited with retryAfter", async (_, header, atLeast) => {
    const retryAfter = header === "in10s" ? new Date(Date.now() + 10_000).toUTCString() : header;
    v.sim.control.inject("fetch", { kind: "rate-limit", retryAfter });
    const err = await vendorError(v.adapter.fetchTasks(vendor.faultIds));
    expect(err).toMatchObject({ code: "rate_limited", httpStatus: 429 });
    expect(err.retryAfter).toBeGreaterThanOrEqual(atLeast as number);
    if (typeof header === "number") expect(err.retryAfter).toBe(header);
  });

  it.each([
    [{ kind: "html" } as Fault, 502],
    [{ kind: "empty" } as Fault, 200],
    [{ kind: "truncated" } as Fault, vendor.faultIdsStatus],
    // A truncated answer keeps the status of the answer it cuts short.
  ])("%o is bad_response", async (fault, status) => {
    v.sim.control.inject("any", fault);
    expect(await vendorError(v.adapter.fetchTasks(vendor.faultIds))).toMatchObject({ code: "bad_response", httpStatus: status });
  });

  it("a reset connection is vendor_unavailable", async () => {
    v.sim.control.inject("fetch", { kind: "reset" });
    expect(await vendorError(v.adapter.fetchTasks(vendor.faultIds))).toMatchObject({ code: "vendor_unavailable" });
  });

  it.each(vendor.submitErrors)("submit answered with %s → %s, vendor message kept, never retried", async (name, code) => {
    v.sim.control.inject("submit", { kind: "fixture", name });
    const err = await vendorError(inspire(v.adapter));
    expect(err.code).toBe(code);
    expect(err.vendorMessage).toBe(vendor.vendorMessageOf(loadFixture(vendor.protocol, name)));
    expect(v.sim.control.counts().submit).toBe(1);
  });

  it("a truncated submit answer is bad_response and is not retried", async () => {
    v.sim.control.inject("submit", { kind: "truncated" });
    expect(await vendorError(inspire(v.adapter))).toMatchObject({ code: "bad_response" });
    expect(v.sim.control.counts().submit).toBe(1);
  });

  it.each([
    ["submitting music", (a: ProviderAdapter) => inspire(a)],
    ["submitting lyrics", (a: ProviderAdapter) => a.submitLyrics({ prompt: "x" })],
    ["fetching tasks", (a: ProviderAdapter) => a.fetchTasks(vendor.faultIds)],
  ])("a vendor echoing the Authorization header while %s never leaks the key", async (_, call) => {
    v.sim.control.inject("any", { kind: "echo-auth" });
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    vi.stubEnv("SONGLOFT_LOG", "info");
    try {
      const err = await vendorError(call(v.adapter));
      expect(err.code).toBe("auth");
      expect(err.vendorMessage).toContain("Bearer ***");
      const everything = JSON.stringify({ m: err.message, v: err.vendorMessage, r: err.raw, s: err.stack }) + lines.join("\n");
      expect(everything).not.toContain(v.sim.key);
      expect(everything).not.toContain(v.sim.key.replace(/^sk-/, ""));
      v.sim.control.inject("any", { kind: "echo-auth" });
      const test = await v.adapter.testConnection();
      expect(test.ok).toBe(false);
      expect(JSON.stringify(test)).not.toContain(v.sim.key.replace(/^sk-/, ""));
    } finally {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    }
  });
});
