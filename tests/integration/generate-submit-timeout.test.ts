import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generationBodySchema } from "@/lib/schemas/generate";
import { submitGeneration } from "@/lib/server/services/generate";
import { startNewapiSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { fastPoller, stopPollers, taskRow } from "./generate-support";

// A submit that times out may still have created a task at the vendor, so it is never
// sent again: the task fails with that reason and the raw details are kept. The
// adapters' real submit timeout is a minute; here the registry hands out the same
// adapter with a 300 ms one.

vi.mock("@/lib/server/providers/registry", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/server/providers/registry")>();
  const { createAdapter } = await import("@/lib/server/providers");
  return {
    ...actual,
    getProvider(id: string) {
      const entry = actual.getProvider(id);
      if (!entry || entry.protocol === "demo") return entry;
      const config = { id, name: entry.name, protocol: entry.protocol, baseUrl: entry.baseUrl, apiKey: process.env.NEWAPI_API_KEY ?? "" };
      return { ...entry, adapter: createAdapter(config, { submitTimeoutMs: 300, timeoutMs: 300 }) };
    },
  };
});

let sim: Simulator;
let db: TestDb;
let owner: ReturnType<typeof createUser>;

beforeAll(async () => {
  sim = await startNewapiSimulator();
  db = openTestDb({ DEMO_PROVIDER: "off", NEWAPI_BASE_URL: sim.url, NEWAPI_API_KEY: sim.key });
  owner = createUser({ name: "Owner" });
});
afterAll(async () => {
  await stopPollers();
  await sim.stop();
  db.cleanup();
});

describe("a submit that times out", () => {
  it("fails the task as 'may still have created a task', keeps the details and never resubmits", async () => {
    sim.control.inject("submit", { kind: "hang" });
    const outcome = await submitGeneration(owner, generationBodySchema.parse({ provider: "newapi", description: "a quiet storm" }), {
      idempotencyKey: "slow-vendor",
    });
    expect(outcome.rejected).toBe(true);
    expect(outcome.task.error).toEqual({ code: "submit_timeout", message: "The vendor did not answer; it may still have created a task.", vendorMessage: null });
    const row = taskRow(outcome.task.id);
    expect(row.errorDetails).toMatchObject({ vendorCode: "timeout", problem: "The vendor did not answer after 0.3 s.", vendorMessage: null });

    // Neither the poller nor a repeat of the key sends it again.
    const poller = fastPoller();
    await poller.tick();
    await submitGeneration(owner, generationBodySchema.parse({ provider: "newapi", description: "a quiet storm" }), { idempotencyKey: "slow-vendor" });
    expect(sim.control.counts().submit).toBe(1);
    expect(taskRow(outcome.task.id).status).toBe("failed");
  });
});
