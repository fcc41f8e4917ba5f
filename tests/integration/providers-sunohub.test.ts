import { describe, expect, it } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import { loadFixture, startSunohubSimulator } from "@/tests/simulators";
import { contractVendor, useVendorSimulator } from "./provider-contract-vendors";
import { FAST_STEPS, FAST_TIMEOUTS, HOLD_STEPS, pollUntil, vendorError } from "./providers-support";

// What only the sunohub (AceData clone) protocol has: async:true submits, synchronous
// answers, retrieve / retrieve_batch. The shared contract is in provider-contract.test.ts.

describe("sunohub adapter, protocol specifics", () => {
  const v = useVendorSimulator(contractVendor("sunohub"));

  it("with or without a callback it gets a task id at once; without one it asks for async:true", async () => {
    v.sim.control.setSteps(HOLD_STEPS);
    const fixture = loadFixture("sunohub", "submit_request_inspiration");
    const withCallback = await v.adapter.submitMusic({ mode: "inspiration", description: fixture.prompt, instrumental: false, model: "v4", callbackUrl: fixture.callback_url });
    expect(withCallback.task).toBeUndefined();
    expect(v.lastBody()).not.toHaveProperty("async");

    const { vendorTaskId, task } = await v.adapter.submitMusic({ mode: "inspiration", description: "quick", instrumental: false, model: "v4.5" });
    expect(task).toBeUndefined();
    expect(v.sim.control.stage(vendorTaskId)).toBe("queued");
    v.sim.control.finishTask(vendorTaskId);
    expect(v.lastBody()).toMatchObject({ async: true, model: "chirp-v4-5" });
    expect(v.lastBody()).not.toHaveProperty("callback_url");
    expect((await pollUntil(v.adapter, vendorTaskId)).task.status).toBe("succeeded");
  });

  it("lyrics answer synchronously", async () => {
    const fixture = loadFixture("sunohub", "lyrics_request");
    const result = await v.adapter.submitLyrics({ prompt: fixture.prompt });
    expect(result.task).toMatchObject({ vendorTaskId: result.vendorTaskId, status: "succeeded" });
    expect(result.task?.lyrics?.text).toContain("A song about winter");
    expect((await v.adapter.fetchTasks([result.vendorTaskId])).get(result.vendorTaskId)?.lyrics).toEqual(result.task?.lyrics);
  });

  it("a variant that ignores async answers synchronously with the finished task", async () => {
    const sync = await startSunohubSimulator({ steps: FAST_STEPS, ignoreAsync: true });
    try {
      const a = createAdapter(v.config({ baseUrl: sync.url, apiKey: sync.key }), FAST_TIMEOUTS);
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

  it("fetches one with retrieve and many with retrieve_batch", async () => {
    const a = await v.adapter.submitLyrics({ prompt: "one" });
    const b = await v.adapter.submitMusic({ mode: "inspiration", description: "two", instrumental: false, model: "v4" });
    v.sim.control.reset();
    const single = await v.adapter.fetchTasks([a.vendorTaskId]);
    expect(single.size).toBe(1);
    expect(Object.keys(v.sim.requests[0].body as object).sort()).toEqual(Object.keys(loadFixture("sunohub", "fetch_request")).sort());
    expect(v.sim.requests[0].body).toEqual({ id: a.vendorTaskId, action: "retrieve" });

    const many = await v.adapter.fetchTasks([a.vendorTaskId, b.vendorTaskId, "unknown"]);
    expect([...many.keys()].sort()).toEqual([a.vendorTaskId, b.vendorTaskId].sort());
    expect(v.sim.requests[1].body).toEqual({ ids: [a.vendorTaskId, b.vendorTaskId, "unknown"], action: loadFixture("sunohub", "fetch_batch_request").action });
    expect(v.sim.control.counts().fetch).toBe(2);
  });

  it("a key check answered with a 503 means unreachable, not rejected", async () => {
    v.sim.control.inject("fetch", { kind: "status", status: 503, body: loadFixture("sunohub", "error_500_api_error") });
    expect(await v.adapter.testConnection()).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("a 429 keeps the vendor's words", async () => {
    v.sim.control.inject("fetch", { kind: "rate-limit", retryAfter: 5 });
    expect(await vendorError(v.adapter.fetchTasks(["a", "b"]))).toMatchObject({ code: "rate_limited", vendorMessage: "too many requests" });
  });
});
