import { describe, expect, it } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import { loadFixture, startNewapiSimulator } from "@/tests/simulators";
import { contractVendor, useVendorSimulator } from "./provider-contract-vendors";
import { FAST_STEPS, FAST_TIMEOUTS, pollUntil } from "./providers-support";

// What only the newapi protocol has: batch fetch with a LYRICS follow-up, and the raw
// Suno clip shape. The shared contract is in provider-contract.test.ts.

describe("newapi adapter, protocol specifics", () => {
  const v = useVendorSimulator(contractVendor("newapi"));

  it("batch-fetches music and lyrics in one request; unknown ids get one LYRICS follow-up", async () => {
    const music = await v.adapter.submitMusic({ mode: "inspiration", description: "a", instrumental: false, model: "v3.5" });
    const lyrics = await v.adapter.submitLyrics({ prompt: "b" });
    v.sim.control.reset();
    const map = await v.adapter.fetchTasks([music.vendorTaskId, lyrics.vendorTaskId, "unknown-id", music.vendorTaskId]);
    expect([...map.keys()].sort()).toEqual([music.vendorTaskId, lyrics.vendorTaskId].sort());
    expect(map.get(lyrics.vendorTaskId)?.lyrics).not.toBeNull();
    // Unknown ids vanish, so the adapter asks once more for them as LYRICS.
    expect(v.sim.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", "/suno/fetch"],
      ["POST", "/suno/fetch"],
    ]);
    const sent = v.sim.requests[0].body as { ids: string[]; action: string };
    expect(Object.keys(sent).sort()).toEqual(Object.keys(loadFixture("newapi", "batch_fetch_request")).sort());
    expect(sent).toEqual({ ids: [music.vendorTaskId, lyrics.vendorTaskId, "unknown-id"], action: "MUSIC" });
    expect(v.sim.requests[1].body).toEqual({ ids: ["unknown-id"], action: "LYRICS" });
  });

  it("a single id uses GET /suno/fetch/{id}; an unknown one is simply absent", async () => {
    const map = await v.adapter.fetchTasks(["does-not-exist"]);
    expect(map.size).toBe(0);
    expect(v.sim.requests.map((r) => [r.method, r.path])).toEqual([["GET", "/suno/fetch/does-not-exist"]]);
    expect((await v.adapter.fetchTasks([])).size).toBe(0);
  });

  it("1,000 tasks cost one batch request per 100 ids (plus one LYRICS follow-up for ids it did not know)", async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `t-${i}`);
    const one = await v.adapter.submitLyrics({ prompt: "z" });
    ids[0] = one.vendorTaskId;
    v.sim.control.reset();
    // Most ids are unknown, so each chunk also gets its LYRICS follow-up.
    await v.adapter.fetchTasks(ids);
    expect(v.sim.control.counts().fetch).toBe(20);
    expect(v.sim.control.counts().fetchedIds).toBeLessThanOrEqual(2000);
  });

  it("the raw Suno clip shape parses as well as the flattened one", async () => {
    const raw = await startNewapiSimulator({ steps: FAST_STEPS, clipShape: "raw", honourBatchAction: true });
    try {
      const a = createAdapter(v.config({ baseUrl: raw.url, apiKey: raw.key }), FAST_TIMEOUTS);
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
