import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generationBodySchema } from "@/lib/schemas/generate";
import { submitGeneration } from "@/lib/server/services/generate";
import { startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { waitFor } from "../support/wait-for";
import { clipsOf, fastPoller, makeDue, stopPollers, taskRow } from "./generate-support";

// REL-5: one vendor that hangs never holds up another. The poller's own loop runs in
// the background here, as in the server.

let slow: Simulator;
let fine: Simulator;
let db: TestDb;

beforeAll(async () => {
  slow = await startNewapiSimulator({ steps: { queuedMs: 100, streamingMs: 200 } });
  fine = await startSunohubSimulator({ steps: { queuedMs: 100, streamingMs: 200 } });
  db = openTestDb({ DEMO_PROVIDER: "off", NEWAPI_BASE_URL: slow.url, NEWAPI_API_KEY: slow.key, SUNOHUB_BASE_URL: fine.url, SUNOHUB_API_KEY: fine.key });
});
afterAll(async () => {
  await stopPollers();
  await Promise.all([slow.stop(), fine.stop()]);
  db.cleanup();
});

describe("provider isolation", () => {
  it("finishes a task on a healthy vendor while another vendor's round hangs", async () => {
    const owner = createUser({ name: "Owner" });
    const stuck = await submitGeneration(owner, generationBodySchema.parse({ provider: "newapi", description: "stuck" }));
    const quick = await submitGeneration(owner, generationBodySchema.parse({ provider: "sunohub", description: "quick" }));
    slow.control.inject("fetch", { kind: "hang" }, 1_000);
    makeDue(stuck.task.id);
    makeDue(quick.task.id);

    const poller = fastPoller({ fetchTimeoutMs: 8_000 });
    poller.start();
    // Well inside the hanging round's 8 s fetch timeout: the healthy vendor did not wait for it.
    await waitFor(() => taskRow(quick.task.id).status === "succeeded", { timeoutMs: 6_000, what: "the healthy vendor's task to succeed" });

    expect(clipsOf(quick.task.id)).toHaveLength(2);
    // The hanging vendor was asked once and is still being waited for.
    expect(slow.control.counts().fetch).toBe(1);
    expect(taskRow(stuck.task.id).status).toBe("queued");
  });
});
