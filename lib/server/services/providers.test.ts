import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { resetEnvCache } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createProviderSchema, updateProviderSchema } from "@/lib/schemas/providers";
import { decryptSecret, encryptSecret } from "@/lib/server/crypto";
import { getProviderRow, updateProviderRow } from "@/lib/server/data/providers";
import { closeDb, getDb } from "@/lib/server/db/client";
import { tasks, users } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { getProvider, listProviders, providerNames, syncEnvProviders } from "@/lib/server/providers/registry";
import { resetSecretCache } from "@/lib/server/secret";
import {
  addProvider,
  deleteProvider,
  listProvidersForAdmin,
  setProviderEnabled,
  testProviderConnection,
  updateProvider,
} from "./providers";

const admin = { role: "admin" as const };
const member = { role: "member" as const };
let dataDir: string;
const sims: Simulator[] = [];

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-providers-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  resetSecretCache();
  closeDb();
  syncEnvProviders();
});

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

afterAll(() => {
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function add(overrides: Partial<Record<"name" | "protocol" | "baseUrl" | "apiKey", string>> = {}) {
  const input = createProviderSchema.parse({
    name: `Relay ${newId().slice(0, 6)}`,
    protocol: "newapi",
    baseUrl: "https://relay.example.com/",
    apiKey: `sk-${newId()}`,
    ...overrides,
  });
  return { input, dto: addProvider(admin, input) };
}

/** A task pointing at the provider, as the generate service would write it. */
function useProvider(providerId: string) {
  const userId = newId();
  getDb().insert(users).values({ id: userId, email: `${userId}@example.test`, name: "Ada", passwordHash: "x" }).run();
  getDb().insert(tasks).values({ id: newId(), ownerId: userId, providerId, kind: "music", request: {} }).run();
}

async function refusal(fn: () => unknown): Promise<{ code: string; details: unknown }> {
  try {
    await fn();
  } catch (err) {
    if (isAppError(err)) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error("expected the call to be refused");
}

describe("adding and editing providers", () => {
  it("stores the key encrypted, shows it masked, and strips the trailing slash of the base URL", () => {
    const { input, dto } = add({ apiKey: "sk-live-abcdef0123456789a1b2" });
    const row = getProviderRow(dto.id)!;
    expect(dto).toMatchObject({ protocol: "newapi", baseUrl: "https://relay.example.com", keyMask: "sk-…a1b2", enabled: true, source: "db" });
    expect(dto.models.length).toBeGreaterThan(0);
    expect(JSON.stringify(dto)).not.toContain(input.apiKey);
    expect(JSON.stringify(row)).not.toContain(input.apiKey);
    expect(JSON.stringify(row)).not.toContain("abcdef0123456789");
    expect(decryptSecret(row.keyCiphertext!)).toBe(input.apiKey);
    expect(getProvider(dto.id)?.enabled).toBe(true);
  });

  it("keeps the old key when the key field is left blank, and replaces it when filled", () => {
    const { input, dto } = add();
    const blank = updateProviderSchema.parse({ name: "Renamed relay", protocol: "newapi", baseUrl: "http://10.0.0.2:8080", apiKey: "  " });
    const kept = updateProvider(admin, dto.id, blank);
    expect(kept).toMatchObject({ name: "Renamed relay", baseUrl: "http://10.0.0.2:8080", keyMask: dto.keyMask });
    expect(decryptSecret(getProviderRow(dto.id)!.keyCiphertext!)).toBe(input.apiKey);

    const replaced = updateProvider(admin, dto.id, updateProviderSchema.parse({ ...blank, apiKey: "sk-new-key-9z9z" }));
    expect(replaced.keyMask).toBe("sk-…9z9z");
    expect(decryptSecret(getProviderRow(dto.id)!.keyCiphertext!)).toBe("sk-new-key-9z9z");
  });

  it("refuses a second provider with the same name, in any letter case", async () => {
    const { dto } = add({ name: "Shared Relay" });
    const input = createProviderSchema.parse({ name: "shared relay", protocol: "sunohub", baseUrl: "https://x.example", apiKey: "k-1234" });
    expect(await refusal(() => addProvider(admin, input))).toEqual({ code: "conflict", details: { name: ["nameTaken"] } });
    expect(updateProvider(admin, dto.id, { ...input, name: "Shared Relay" }).protocol).toBe("sunohub");
  });

  it("fixes the protocol once a task uses the provider", async () => {
    const { dto } = add();
    useProvider(dto.id);
    const change = { name: dto.name, protocol: "sunohub" as const, baseUrl: dto.baseUrl };
    expect(await refusal(() => updateProvider(admin, dto.id, change))).toEqual({ code: "conflict", details: { protocol: ["protocolLocked"] } });
    expect(updateProvider(admin, dto.id, { ...change, protocol: "newapi", baseUrl: "https://moved.example" }).baseUrl).toBe("https://moved.example");
  });

  it("rejects bad form input with catalogue keys", () => {
    const result = createProviderSchema.safeParse({ name: "", protocol: "demo", baseUrl: "ftp://x", apiKey: "has space" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ name: "nameRequired", protocol: "protocolInvalid", baseUrl: "baseUrlInvalid", apiKey: "keyInvalid" });
    expect(createProviderSchema.safeParse({ name: "a", protocol: "newapi", baseUrl: "https://u:p@x.example", apiKey: "" }).error?.issues.map((i) => i.message)).toEqual([
      "baseUrlInvalid",
      "keyRequired",
    ]);
    expect(createProviderSchema.safeParse({ name: "a", protocol: "newapi", baseUrl: " ", apiKey: "k" }).error?.issues.map((i) => i.message)).toEqual(["baseUrlRequired"]);
  });
});

describe("provider names for lists", () => {
  it("name every provider, enabled or not, in the order of the provider list, and follow renames at once", () => {
    const { dto, input } = add({ name: "Night Relay" });
    setProviderEnabled(admin, dto.id, false);
    expect([...providerNames().keys()]).toEqual(listProviders().map((p) => p.id));
    expect([...providerNames().keys()][0]).toBe("demo");
    expect(providerNames().get(dto.id)).toBe("Night Relay");
    updateProvider(admin, dto.id, { name: "Day Relay", protocol: input.protocol, baseUrl: input.baseUrl });
    expect(providerNames().get(dto.id)).toBe("Day Relay");
    deleteProvider(admin, dto.id);
    expect(providerNames().has(dto.id)).toBe(false);
  });
});

describe("enabling, disabling and deleting", () => {
  it("a disabled provider leaves the enabled list and comes back when enabled", () => {
    const { dto } = add();
    setProviderEnabled(admin, dto.id, false);
    expect(listProviders({ enabledOnly: true }).map((p) => p.id)).not.toContain(dto.id);
    expect(listProvidersForAdmin(admin).find((p) => p.id === dto.id)?.enabled).toBe(false);
    setProviderEnabled(admin, dto.id, true);
    expect(listProviders({ enabledOnly: true }).map((p) => p.id)).toContain(dto.id);
  });

  it("deletes an unused provider", () => {
    const { dto } = add();
    deleteProvider(admin, dto.id);
    expect(getProviderRow(dto.id)).toBeUndefined();
    expect(getProvider(dto.id)).toBeUndefined();
  });

  it("refuses to delete a provider that tasks reference, and suggests disabling it", async () => {
    const { dto } = add();
    useProvider(dto.id);
    expect(await refusal(() => deleteProvider(admin, dto.id))).toEqual({ code: "conflict", details: { reason: "inUse" } });
    expect(getProviderRow(dto.id)).toBeDefined();
    expect(listProvidersForAdmin(admin).find((p) => p.id === dto.id)?.taskCount).toBe(1);
  });

  it("treats env providers as read-only and refuses members everything", async () => {
    const readOnly = { code: "forbidden", details: { reason: "envReadOnly" } };
    expect(await refusal(() => setProviderEnabled(admin, "demo", false))).toEqual(readOnly);
    expect(await refusal(() => deleteProvider(admin, "demo"))).toEqual(readOnly);
    expect(await refusal(() => updateProvider(admin, "demo", { name: "x", protocol: "newapi", baseUrl: "https://x.example" }))).toEqual(readOnly);
    expect(getProvider("demo")?.enabled).toBe(true);

    const { input, dto } = add();
    expect((await refusal(() => listProvidersForAdmin(member))).code).toBe("forbidden");
    expect((await refusal(() => addProvider(member, input))).code).toBe("forbidden");
    expect((await refusal(() => deleteProvider(member, dto.id))).code).toBe("forbidden");
    expect((await refusal(() => testProviderConnection(member, dto.id))).code).toBe("forbidden");
    expect((await refusal(() => deleteProvider(admin, "no-such-provider"))).code).toBe("not_found");
  });

  it("lists the demo provider as an env provider without a key", () => {
    expect(listProvidersForAdmin(admin)[0]).toMatchObject({ id: "demo", protocol: "demo", source: "env", keyMask: null, enabled: true });
  });
});

describe("test connection", () => {
  const starters = { newapi: startNewapiSimulator, nengyongai: startNengyongaiSimulator, sunohub: startSunohubSimulator };

  for (const protocol of ["newapi", "nengyongai", "sunohub"] as const) {
    it(`${protocol}: accepts the right key and rejects a wrong one, without repeating it`, async () => {
      const sim = await starters[protocol]();
      sims.push(sim);
      const good = add({ protocol, baseUrl: sim.url, apiKey: sim.key }).dto;
      expect(await testProviderConnection(admin, good.id)).toEqual({ outcome: "accepted", detail: null });

      const wrongKey = `sk-wrong-${newId()}`;
      const bad = add({ protocol, baseUrl: sim.url, apiKey: wrongKey }).dto;
      const report = await testProviderConnection(admin, bad.id);
      expect(report.outcome).toBe("rejected");
      expect(JSON.stringify(report)).not.toContain(wrongKey.slice(3));
      expect(sim.requests.filter((r) => r.authorized).length).toBe(1);
    });
  }

  it("reports a vendor that does not answer as unreachable", async () => {
    const sim = await startNewapiSimulator();
    const { dto } = add({ baseUrl: sim.url, apiKey: sim.key });
    await sim.stop();
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("unreachable");
  });

  it("reports a vendor down behind its gateway as unreachable, and an exhausted balance as an error with the vendor's words", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const { dto } = add({ baseUrl: sim.url, apiKey: sim.key });
    sim.control.inject("any", { kind: "status", status: 503 });
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("unreachable");
    sim.control.inject("any", { kind: "fixture", name: "error_403_quota_not_enough" });
    const quota = await testProviderConnection(admin, dto.id);
    expect(quota.outcome).toBe("error");
    expect(quota.detail).toMatch(/balance/);
  });

  it("never echoes the key when a careless gateway repeats the Authorization header", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const { dto } = add({ baseUrl: sim.url, apiKey: sim.key });
    sim.control.inject("any", { kind: "echo-auth" });
    const report = await testProviderConnection(admin, dto.id);
    expect(report.outcome).toBe("rejected");
    expect(report.detail).toContain("***");
    expect(report.detail).not.toContain(sim.key.slice(3));
  });

  it("a key that no longer decrypts (the app secret changed) reads as rejected until it is entered again", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const { dto } = add({ baseUrl: sim.url, apiKey: sim.key });
    updateProviderRow(dto.id, { keyCiphertext: encryptSecret(sim.key, "some-other-purpose") });
    expect(listProvidersForAdmin(admin).find((p) => p.id === dto.id)?.keyMask).toBe(dto.keyMask);
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("rejected");
    updateProvider(admin, dto.id, { name: dto.name, protocol: "newapi", baseUrl: sim.url, apiKey: sim.key });
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("accepted");
  });

  it("the demo provider always answers", async () => {
    expect(await testProviderConnection(admin, "demo")).toEqual({ outcome: "accepted", detail: null });
  });
});
