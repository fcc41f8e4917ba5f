import { describe, expect, it } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import { startNengyongaiSimulator } from "@/tests/simulators";
import { contractVendor, useVendorSimulator } from "./provider-contract-vendors";
import { FAST_STEPS, FAST_TIMEOUTS, pollUntil, vendorError } from "./providers-support";

// What only the nengyongai protocol has: no batch fetch (one GET per id, bounded),
// the GoAPI envelopes, and errors inside HTTP 200. The shared contract is in
// provider-contract.test.ts.

describe("nengyongai adapter, protocol specifics", () => {
  const v = useVendorSimulator(contractVendor("nengyongai"));

  it("fetches many ids one GET each, at most 4 at a time; unknown ids are absent", async () => {
    const a = await v.adapter.submitMusic({ mode: "inspiration", description: "a", instrumental: false, model: "v4" });
    const b = await v.adapter.submitLyrics({ prompt: "b" });
    v.sim.control.reset();
    v.sim.control.inject("fetch", { kind: "delay", ms: 200 }, 10);
    const ids = [a.vendorTaskId, b.vendorTaskId, "x1", "x2", "x3", "x4", "x5", "x6"];
    const map = await v.adapter.fetchTasks(ids);
    expect([...map.keys()].sort()).toEqual([a.vendorTaskId, b.vendorTaskId].sort());
    expect(v.sim.requests.every((r) => r.method === "GET" && r.path.startsWith("/suno/fetch/"))).toBe(true);
    expect(v.sim.control.counts()).toMatchObject({ fetch: 8, maxInFlight: 4 });
  });

  it("a hanging vendor stops the round after the first 4 requests", async () => {
    v.sim.control.inject("fetch", { kind: "hang" }, 100);
    const fast = createAdapter(v.config(), { timeoutMs: 250 });
    expect(await vendorError(fast.fetchTasks(["a", "b", "c", "d", "e", "f", "g", "h"]))).toMatchObject({ code: "timeout" });
    expect(v.sim.control.counts().fetch).toBe(4);
  });

  it("one broken task does not hide the others", async () => {
    const ok = await v.adapter.submitLyrics({ prompt: "fine" });
    v.sim.control.reset();
    v.sim.control.inject("fetch", { kind: "html" }, 1, "/broken");
    const map = await v.adapter.fetchTasks(["broken", ok.vendorTaskId]);
    expect([...map.keys()]).toEqual([ok.vendorTaskId]);
  });

  it("a rejected key keeps its 401; an error inside an HTTP 200 is still an error", async () => {
    v.sim.control.inject("submit", { kind: "fixture", name: "error_401_invalid_token" });
    const err = await vendorError(v.adapter.submitMusic({ mode: "inspiration", description: "x", instrumental: false, model: "v4" }));
    expect(err).toMatchObject({ code: "auth", httpStatus: 401 });
    expect(err.vendorMessage).toContain("无效的令牌");
    v.sim.control.inject("lyrics", { kind: "vendor-error", status: 200, message: "no balance left", code: "insufficient_user_quota" });
    expect(await vendorError(v.adapter.submitLyrics({ prompt: "x" }))).toMatchObject({ code: "quota", vendorMessage: "no balance left" });
  });

  it("the GoAPI submit answer and the new-api fetch envelope work too", async () => {
    const other = await startNengyongaiSimulator({ steps: FAST_STEPS, submitVariant: "goapi", fetchEnvelope: "newapi" });
    try {
      const a = createAdapter(v.config({ baseUrl: other.url, apiKey: other.key }), FAST_TIMEOUTS);
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
