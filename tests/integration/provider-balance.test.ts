import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generationBodySchema } from "@/lib/schemas/generate";
import { getProviderRow } from "@/lib/server/data/providers";
import { submitGeneration } from "@/lib/server/services/generate";
import {
  listLowBalanceProviders,
  refreshProviderBalanceForAdmin,
  refreshProviderBalances,
  setBalanceWarningForAdmin,
  startBalanceRefresher,
  stopBalanceRefresher,
} from "@/lib/server/services/provider-balance";
import { listProvidersForAdmin } from "@/lib/server/services/providers";
import { startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { waitFor } from "../support/wait-for";
import { fastPoller, pollUntilDone, stopPollers } from "./generate-support";

// Vendor balances against the simulators over HTTP: the new-api family's billing pair
// becomes "what is left" on the provider row, the demo reports a fixed one, sunohub
// (AceData) documents none and is never asked; the admin's threshold turns on the
// warning; songs and poll rounds never wait for a billing call.

let db: TestDb;
const sims: Record<"newapi" | "nengyongai" | "sunohub", Simulator> = {} as never;
const admin = { role: "admin" as const };
const billingCalls = (sim: Simulator) => sim.requests.filter((r) => r.route === "billing").length;
const provider = (id: string) => listProvidersForAdmin(admin).find((p) => p.id === id)!;

beforeAll(async () => {
  sims.newapi = await startNewapiSimulator({ steps: { queuedMs: 20, streamingMs: 40 } });
  sims.nengyongai = await startNengyongaiSimulator();
  sims.sunohub = await startSunohubSimulator();
  db = openTestDb({
    DEMO_PROVIDER: "on",
    NEWAPI_BASE_URL: sims.newapi.url,
    NEWAPI_API_KEY: sims.newapi.key,
    NENGYONGAI_BASE_URL: sims.nengyongai.url,
    NENGYONGAI_API_KEY: sims.nengyongai.key,
    SUNOHUB_BASE_URL: sims.sunohub.url,
    SUNOHUB_API_KEY: sims.sunohub.key,
  });
});
afterEach(async () => {
  Object.values(sims).forEach((s) => s.control.reset());
  stopBalanceRefresher();
  await stopPollers();
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.stop()));
  db.cleanup();
});

describe("reading balances", () => {
  it("stores what each provider reports, with the time it was read", async () => {
    sims.newapi.control.setBilling({ hardLimitUsd: 50, usedUsd: 12.5 });
    sims.nengyongai.control.setBilling({ hardLimitUsd: 20, usedUsd: 19.25 });
    const before = Date.now();
    await refreshProviderBalances();

    expect(provider("newapi").balance).toMatchObject({ supported: true, amount: 37.5, unit: "USD", warnBelow: null, low: false });
    expect(provider("nengyongai").balance).toMatchObject({ supported: true, amount: 0.75, unit: "USD" });
    expect(provider("demo").balance).toMatchObject({ supported: true, amount: 1000, unit: "credits" });
    expect(new Date(provider("newapi").balance.checkedAt!).getTime()).toBeGreaterThanOrEqual(before);
    // Sent with the provider's own key, like every other vendor call.
    expect(sims.newapi.requests.filter((r) => r.route === "billing").every((r) => r.authorized)).toBe(true);
    expect(provider("sunohub").balance).toMatchObject({ supported: false, amount: null, checkedAt: null });
    expect(sims.sunohub.requests).toHaveLength(0);
  });

  it("reports no balance for an unlimited key, and keeps the last reading when the vendor cannot answer", async () => {
    sims.newapi.control.setBilling({ hardLimitUsd: 100_000_000, usedUsd: 3 });
    await refreshProviderBalances();
    expect(provider("newapi").balance).toMatchObject({ amount: null, unit: null });
    expect(provider("newapi").balance.checkedAt).not.toBeNull();

    sims.newapi.control.setBilling({ hardLimitUsd: 10, usedUsd: 4 });
    await refreshProviderBalances();
    const good = provider("newapi").balance;
    expect(good.amount).toBe(6);
    // new-api answers a failure with HTTP 200 and {error}: unreadable, so nothing changes.
    sims.newapi.control.inject("billing", { kind: "status", status: 200, body: { error: { message: "获取配额失败", type: "upstream_error" } } });
    const result = await refreshProviderBalanceForAdmin(admin, "newapi");
    expect(result.ok).toBe(false);
    expect(provider("newapi").balance).toEqual(good);
  });

  it("warns below the admin's threshold, and only admins may set it", async () => {
    sims.newapi.control.setBilling({ hardLimitUsd: 10, usedUsd: 8 });
    const settingsChangedAt = getProviderRow("newapi")?.updatedAt;
    await refreshProviderBalanceForAdmin(admin, "newapi");
    setBalanceWarningForAdmin(admin, "newapi", 5);
    expect(provider("newapi").balance).toMatchObject({ amount: 2, warnBelow: 5, low: true });
    expect(listLowBalanceProviders(admin).map((p) => p.id)).toEqual(["newapi"]);
    setBalanceWarningForAdmin(admin, "newapi", null);
    expect(provider("newapi").balance.low).toBe(false);
    expect(() => setBalanceWarningForAdmin({ role: "member" }, "newapi", 1)).toThrow(/admins/);
    expect(() => setBalanceWarningForAdmin(admin, "nope", 1)).toThrow(/not found/);
    // Neither is a settings change: the provider's cached adapter (and its key) stay as they are.
    expect(getProviderRow("newapi")?.updatedAt).toEqual(settingsChangedAt);
  });
});

describe("off the critical path", () => {
  it("never reads a balance while a song is submitted and polled to the end", async () => {
    const owner = createUser({ name: "Ann" });
    const input = generationBodySchema.parse({ provider: "newapi", mode: "custom", lyrics: "[Verse]\nsalt and rain", style: "folk" });
    const { task } = await submitGeneration(owner, input);
    await pollUntilDone(fastPoller(), task.id);
    expect(billingCalls(sims.newapi)).toBe(0);
  });

  it("reads balances on a timer of its own", async () => {
    sims.newapi.control.setBilling({ hardLimitUsd: 30, usedUsd: 1 });
    startBalanceRefresher(50);
    await waitFor(() => provider("newapi").balance.amount === 29, { timeoutMs: 5_000 });
    expect(billingCalls(sims.newapi)).toBeGreaterThanOrEqual(2);
  });
});
