import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generationBodySchema, lyricsBodySchema } from "@/lib/schemas/generate";
import { submitGeneration, submitLyrics } from "@/lib/server/services/generate";
import { DEFAULT_FAIL_REASON, startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { clipsOf, eventsOf, fastPoller, closeOpenTasks, makeDue, pollUntilDone, stopPollers, taskRow } from "./generate-support";

// Each vendor protocol through the real poller and real HTTP: success, the vendor's
// failure reason, rate limiting, a vendor that hangs, malformed answers.

const PROTOCOLS = [
  { id: "newapi", start: startNewapiSimulator, url: "NEWAPI_BASE_URL", key: "NEWAPI_API_KEY" },
  { id: "nengyongai", start: startNengyongaiSimulator, url: "NENGYONGAI_BASE_URL", key: "NENGYONGAI_API_KEY" },
  { id: "sunohub", start: startSunohubSimulator, url: "SUNOHUB_BASE_URL", key: "SUNOHUB_API_KEY" },
] as const;

const FAST_STEPS = { queuedMs: 150, streamingMs: 350 };

describe.each(PROTOCOLS)("$id through the poller", (protocol) => {
  let sim: Simulator;
  let db: TestDb;
  let owner: ReturnType<typeof createUser>;
  const submit = (input: Record<string, unknown> = {}) =>
    submitGeneration(owner, generationBodySchema.parse({ provider: protocol.id, description: "neon rain over the harbour", ...input }));

  beforeAll(async () => {
    sim = await protocol.start({ steps: FAST_STEPS });
    db = openTestDb({ DEMO_PROVIDER: "off", [protocol.url]: sim.url, [protocol.key]: sim.key });
    owner = createUser({ name: "Owner" });
  });
  afterEach(async () => {
    sim.control.clearFaults();
    await stopPollers();
    closeOpenTasks(); // a test's faults must only ever meet its own task
  });
  afterAll(async () => {
    await sim.stop();
    db.cleanup();
  });

  it("stores two finished clips and marks the task succeeded, with one submit", async () => {
    const before = sim.control.counts().submit;
    const { task } = await submit();
    const poller = fastPoller();
    const done = await pollUntilDone(poller, task.id);
    await poller.stop();

    expect(done.status).toBe("succeeded");
    expect(done.progress).toBe(100);
    const clips = clipsOf(task.id);
    expect(clips).toHaveLength(2);
    for (const clip of clips) {
      expect(clip.state).toBe("succeeded");
      expect(clip.audioUrl).toMatch(new RegExp(`^${sim.url}/media/.+\\.wav$`));
      expect(clip.duration).toBe(2);
    }
    expect(eventsOf(task.id).map((e) => e.status)).toEqual(expect.arrayContaining(["submitting", "queued", "succeeded"]));
    expect(sim.control.counts().submit - before).toBe(1);
  });

  it("writes lyrics as the task's result", async () => {
    const { task } = await submitLyrics(owner, lyricsBodySchema.parse({ provider: protocol.id, prompt: "a harbour at dawn" }));
    const poller = fastPoller();
    const done = await pollUntilDone(poller, task.id);
    await poller.stop();
    expect(done.status).toBe("succeeded");
    expect(done.result).toMatchObject({ text: expect.stringContaining("harbour at dawn") });
  });

  it("fails the task with the vendor's own reason", async () => {
    sim.control.failNextTask();
    const { task } = await submit();
    const poller = fastPoller();
    const done = await pollUntilDone(poller, task.id);
    await poller.stop();
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toContain(DEFAULT_FAIL_REASON);
  });

  it("waits as long as a 429 asks, then finishes", async () => {
    const { task } = await submit();
    sim.control.inject("fetch", { kind: "rate-limit", retryAfter: 1 });
    const poller = fastPoller({ baseIntervalMs: 0 });
    const tickAt = Date.now();
    makeDue(task.id);
    await poller.tick();
    const after = taskRow(task.id);
    expect(after.status).toBe("queued");
    expect(after.errorDetails).toMatchObject({ lastProblem: { code: "rate_limited", retryAfter: 1 } });
    expect(after.nextPollAt!.getTime()).toBeGreaterThanOrEqual(tickAt + 1_000);

    const done = await pollUntilDone(poller, task.id);
    await poller.stop();
    expect(done.status).toBe("succeeded");
    expect(clipsOf(task.id)).toHaveLength(2);
  });

  it("backs off from a vendor that hangs and fails clearly after the deadline", async () => {
    const { task } = await submit();
    sim.control.inject("fetch", { kind: "hang" }, 1_000);
    const poller = fastPoller({ fetchTimeoutMs: 150, taskTimeoutMs: 1_200 });
    makeDue(task.id);
    const firstTick = await poller.tick();
    expect(firstTick.rounds[0].problem).toMatch(/^timeout: /);
    const middle = taskRow(task.id);
    expect(middle.status).toBe("queued");
    expect(middle.nextPollAt!.getTime()).toBeGreaterThan(Date.now());

    const done = await pollUntilDone(poller, task.id);
    await poller.stop();
    expect(done.status).toBe("failed");
    expect(done.errorCode).toBe("timed_out");
    expect(done.errorMessage).toMatch(/^Timed out: the vendor did not finish/);
    expect(done.errorDetails).toMatchObject({ lastProblem: { code: "timeout" } });
    // Backed off: far fewer rounds than ticks would allow in that time.
    expect(done.pollCount).toBeLessThan(15);
  });

  it("rides out malformed answers and finishes", async () => {
    const { task } = await submit();
    sim.control.inject("fetch", { kind: "html" }, 1);
    sim.control.inject("fetch", { kind: "truncated" }, 1);
    sim.control.inject("fetch", { kind: "empty" }, 1);
    // The poller's clock moves a second on after each round, past its backoff, so the next tick polls again.
    let skipped = 0;
    const poller = fastPoller({ baseIntervalMs: 0, maxIntervalMs: 30, now: () => Date.now() + skipped });
    const problems: string[] = [];
    makeDue(task.id);
    for (let i = 0; i < 3; i++) {
      await poller.tick();
      problems.push((taskRow(task.id).errorDetails as { lastProblem: { code: string } }).lastProblem.code);
      skipped += 1_000;
    }
    expect(problems).toEqual(["bad_response", "bad_response", "bad_response"]);
    const done = await pollUntilDone(poller, task.id);
    await poller.stop();
    expect(done.status).toBe("succeeded");
    expect(done.errorDetails).toBeNull();
  });

  it("ends in a clear failure when the answers stay malformed", async () => {
    const { task } = await submit();
    sim.control.inject("fetch", { kind: "status", status: 502, body: "<html>Bad Gateway</html>" }, 1_000);
    const poller = fastPoller({ taskTimeoutMs: 800, baseIntervalMs: 0 });
    const done = await pollUntilDone(poller, task.id);
    await poller.stop();
    expect(done).toMatchObject({ status: "failed", errorCode: "timed_out" });
    expect(done.errorDetails).toMatchObject({ lastProblem: { code: expect.stringMatching(/bad_response|vendor_unavailable/) } });
  });
});
