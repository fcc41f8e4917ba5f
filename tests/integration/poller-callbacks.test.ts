import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TaskDto } from "@/lib/dto";
import { generationBodySchema } from "@/lib/schemas/generate";
import { startPoller, stopPoller } from "@/lib/server/poller";
import { submitGeneration } from "@/lib/server/services/generate";
import { openTaskStream } from "@/lib/server/services/task-stream";
import { startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { waitFor } from "../support/wait-for";
import { clipsOf, closeOpenTasks, eventsOf, fastPoller, makeDue, startWebhookServer, stopPollers, taskRow } from "./generate-support";

// Vendor callbacks over real HTTP into the webhook route (SEC-9), and what they set
// off: an immediate re-fetch by the poller, the change pushed to an open event stream.

let newapi: Simulator;
let sunohub: Simulator;
let hooks: Awaited<ReturnType<typeof startWebhookServer>>;
let db: TestDb;
let owner: ReturnType<typeof createUser>;

beforeAll(async () => {
  hooks = await startWebhookServer();
  // Long vendor lifecycles: only a callback (or finishTask) makes these tasks finish in time.
  newapi = await startNewapiSimulator({ steps: { queuedMs: 60_000, streamingMs: 60_000 }, callbacks: false });
  sunohub = await startSunohubSimulator({ steps: { queuedMs: 60_000, streamingMs: 60_000 }, callbacks: false });
  db = openTestDb({
    DEMO_PROVIDER: "off",
    APP_URL: hooks.url,
    NEWAPI_BASE_URL: newapi.url,
    NEWAPI_API_KEY: newapi.key,
    SUNOHUB_BASE_URL: sunohub.url,
    SUNOHUB_API_KEY: sunohub.key,
  });
  owner = createUser({ name: "Owner" });
});
afterEach(async () => {
  await stopPollers();
  await stopPoller();
  closeOpenTasks();
});
afterAll(async () => {
  await Promise.all([newapi.stop(), sunohub.stop(), hooks.stop()]);
  db.cleanup();
});

async function submitTo(sim: Simulator) {
  const { task } = await submitGeneration(owner, generationBodySchema.parse({ provider: sim.protocol, description: "call me back" }));
  const vendorTaskId = taskRow(task.id).vendorTaskId!;
  const callbackUrl = sim.control.task(vendorTaskId)?.callbackUrl;
  expect(callbackUrl).toMatch(new RegExp(`^${hooks.url}/api/webhooks/${sim.protocol}/`));
  return { taskId: task.id, vendorTaskId, callbackUrl: callbackUrl! };
}

describe("webhook route", () => {
  it("answers 401 to a wrong secret and changes nothing", async () => {
    const { taskId, vendorTaskId, callbackUrl } = await submitTo(newapi);
    newapi.control.finishTask(vendorTaskId);
    const before = taskRow(taskId);
    const wrong = callbackUrl.replace(/[^/]+$/, "A".repeat(43));
    const delivery = await newapi.control.deliverCallback(vendorTaskId, wrong);
    expect(delivery.status).toBe(401);
    const elsewhere = await newapi.control.deliverCallback(vendorTaskId, callbackUrl.replace("/webhooks/newapi/", "/webhooks/sunohub/"));
    expect(elsewhere.status).toBe(401);
    expect(taskRow(taskId)).toEqual(before);
  });

  it("makes the same callback three times into one transition, and never trusts the body", async () => {
    const { taskId, vendorTaskId, callbackUrl } = await submitTo(sunohub);
    sunohub.control.finishTask(vendorTaskId);
    const poller = fastPoller();
    for (let i = 0; i < 3; i++) {
      const delivery = await sunohub.control.deliverCallback(vendorTaskId);
      expect(delivery.status).toBe(202);
      expect(taskRow(taskId).nextPollAt?.getTime() ?? 0).toBeLessThanOrEqual(Date.now());
      await poller.tick();
    }
    expect(taskRow(taskId).status).toBe("succeeded");
    expect(eventsOf(taskId).filter((e) => e.status === "succeeded")).toHaveLength(1);
    expect(clipsOf(taskId)).toHaveLength(2);

    // A forged body on the right URL only triggers a look at the vendor; the task stays as the vendor says.
    const forged = await fetch(callbackUrl, { method: "POST", body: JSON.stringify({ task_id: vendorTaskId, status: "FAILURE" }) });
    expect(forged.status).toBe(202);
    await poller.tick();
    expect(taskRow(taskId).status).toBe("succeeded");
  });

  it("keeps the vendor's answer authoritative: a callback for an unfinished task changes nothing by itself", async () => {
    const { taskId, vendorTaskId } = await submitTo(newapi);
    const poller = fastPoller();
    makeDue(taskId);
    await poller.tick();
    const delivery = await newapi.control.deliverCallback(vendorTaskId);
    expect(delivery.status).toBe(202);
    await poller.tick();
    expect(taskRow(taskId).status).toBe("queued");
  });
});

describe("callback to screen (PERF-6 path)", () => {
  it("wakes the server's poller, which re-fetches at once and pushes the change to an open stream", async () => {
    // A tick interval far longer than the test: only the callback's wake-up can finish the task in time.
    startPoller({ tickMs: 60_000, media: false });
    const { taskId, vendorTaskId } = await submitTo(newapi);
    const abort = new AbortController();
    const stream = openTaskStream(taskId, owner, abort.signal, { recheckMs: 60_000 })!;
    const seen: TaskDto[] = [];
    const reading = readEvents(stream, (task) => seen.push(task));

    const started = Date.now();
    newapi.control.finishTask(vendorTaskId);
    const delivery = await newapi.control.deliverCallback(vendorTaskId);
    expect(delivery.status).toBe(202);
    await reading; // the stream closes itself at the terminal state
    const elapsed = Date.now() - started;

    expect(seen[0].status).toBe("queued");
    expect(seen.at(-1)).toMatchObject({ status: "succeeded", progress: 100 });
    expect(seen.at(-1)?.clips).toHaveLength(2);
    expect(seen.at(-1)?.clips.every((c) => c.audioUrl === `/media/${c.id}/audio`)).toBe(true);
    expect(elapsed).toBeLessThan(10_000);
    abort.abort();
  });

  it("stops streaming when the viewer goes away, and shows nothing to anyone else", async () => {
    const { taskId } = await submitTo(newapi);
    const stranger = createUser({ name: "Stranger" });
    expect(openTaskStream(taskId, stranger, new AbortController().signal)).toBeNull();

    const abort = new AbortController();
    let rereads = 0;
    // Asked before every re-read: counting the calls tells when the stream has looked again.
    const stillAllowed = () => {
      rereads += 1;
      return true;
    };
    const stream = openTaskStream(taskId, owner, abort.signal, { recheckMs: 20, stillAllowed })!;
    const seen: TaskDto[] = [];
    const reading = readEvents(stream, (task) => seen.push(task));
    await waitFor(() => rereads >= 5, { what: "five re-reads of the unchanged task" });
    abort.abort();
    await reading;
    expect(seen).toHaveLength(1); // nothing changed, so nothing more was sent
  });
});

/** Reads `event: task` messages until the stream ends. */
async function readEvents(stream: ReadableStream<Uint8Array>, onTask: (task: TaskDto) => void) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message.split("\n").find((line) => line.startsWith("data: "));
      if (message.startsWith("event: task") && data) onTask(JSON.parse(data.slice(6)) as TaskDto);
    }
  }
}
