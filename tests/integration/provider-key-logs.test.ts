import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createProviderSchema } from "@/lib/schemas/providers";
import { toActionState } from "@/lib/server/form";
import { errorResponse } from "@/lib/server/http";
import { newId } from "@/lib/server/ids";
import { getProvider } from "@/lib/server/providers/registry";
import { addProvider, testProviderConnection } from "@/lib/server/services/providers";
import { startNewapiSimulator, type Simulator } from "@/tests/simulators";
import { openTestDb, type TestDb } from "@/tests/support/db";

// SEC-8: vendor keys never reach a log line or an error message, even when a vendor
// fails in the worst way (echoing the Authorization header back). Every console
// channel is captured while real vendor calls fail against the simulator.

const admin = { role: "admin" as const };
const dbKey = `sk-SENTINEL-db-${newId()}`;
const envKey = `sk-SENTINEL-env-${newId()}`;
const forms = (key: string) => [key, key.slice(3)];

let db: TestDb;
let dbProviderId: string;
let dbSim: Simulator;
let envSim: Simulator;
const lines: string[] = [];

function capture() {
  const sink = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation(sink);
  const write = (chunk: unknown) => (lines.push(String(chunk)), true);
  vi.spyOn(process.stdout, "write").mockImplementation(write);
  vi.spyOn(process.stderr, "write").mockImplementation(write);
}

beforeAll(async () => {
  dbSim = await startNewapiSimulator({ key: dbKey });
  envSim = await startNewapiSimulator({ key: envKey });
  db = openTestDb({ NEWAPI_BASE_URL: envSim.url, NEWAPI_API_KEY: envKey, SONGLOFT_LOG: "info" });
  dbProviderId = (await addProvider(admin, createProviderSchema.parse({ name: "Team relay", protocol: "newapi", baseUrl: dbSim.url, apiKey: dbKey }))).id;
  capture();
});

afterAll(async () => {
  vi.restoreAllMocks();
  db.cleanup();
  await Promise.all([dbSim.stop(), envSim.stop()]);
});

/** Runs a vendor call that must fail and hands its error to the app's two error sinks, as routes and actions do. */
async function failThroughApp(call: () => Promise<unknown>): Promise<string> {
  const err = await call().then(
    () => {
      throw new Error("expected the vendor call to fail");
    },
    (e: unknown) => e,
  );
  const body = await errorResponse(err).text();
  const state = toActionState(err);
  return [String(err), (err as Error).message, JSON.stringify((err as { raw?: unknown }).raw ?? null), body, JSON.stringify(state)].join("\n");
}

describe("provider keys in logs and error messages", () => {
  it.each([
    ["an admin-added provider", () => dbProviderId, () => dbSim],
    ["an env provider", () => "newapi", () => envSim],
  ])("%s: failing vendor calls log what went wrong, never the key", async (_label, idOf, simOf) => {
    const id = idOf();
    const sim = simOf();
    const key = sim.key;
    const adapter = getProvider(id)!.adapter;
    const before = lines.length;
    const texts: string[] = [];

    sim.control.inject("any", { kind: "echo-auth" });
    const report = await testProviderConnection(admin, id);
    expect(report.outcome).toBe("rejected");
    texts.push(JSON.stringify(report));

    sim.control.inject("submit", { kind: "echo-auth" });
    texts.push(await failThroughApp(() => adapter.submitMusic({ mode: "inspiration", description: "rain", instrumental: false, model: "v4" })));

    sim.control.inject("fetch", { kind: "status", status: 500, body: { error: { message: `upstream rejected Bearer ${key}` } } });
    texts.push(await failThroughApp(() => adapter.fetchTasks(["t-1", "t-2"])));

    sim.control.inject("fetch", { kind: "status", status: 200, body: { code: "success", data: { leaked: key } } });
    texts.push(await failThroughApp(() => adapter.fetchTasks(["t-1", "t-2"])));

    const logged = lines.slice(before).join("\n");
    expect(logged).toMatch(/unhandled error in route handler/);
    expect(logged).toMatch(/server action failed/);
    expect(logged).toMatch(/unexpected shape/);
    for (const text of [logged, ...texts]) {
      for (const form of forms(key)) expect(text).not.toContain(form);
    }
  });

  it("an unreachable vendor is reported plainly, without the key", async () => {
    const sim = await startNewapiSimulator();
    const unreachable = await addProvider(admin, createProviderSchema.parse({ name: "Gone", protocol: "newapi", baseUrl: sim.url, apiKey: dbKey }));
    await sim.stop();
    const before = lines.length;
    const report = await testProviderConnection(admin, unreachable.id);
    expect(report.outcome).toBe("unreachable");
    const text = await failThroughApp(() => getProvider(unreachable.id)!.adapter.fetchTasks(["x"]));
    const logged = lines.slice(before).join("\n");
    expect(logged).toMatch(/vendor_unavailable/);
    for (const form of forms(dbKey)) expect(`${logged}\n${text}\n${JSON.stringify(report)}`).not.toContain(form);
  });
});
