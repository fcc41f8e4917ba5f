import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { resetEnvCache } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createProviderSchema, updateProviderSchema } from "@/lib/schemas/providers";
import { getProviderRow, updateProviderRow } from "@/lib/server/data/providers";
import { newId } from "@/lib/server/ids";
import { forgetUnreadableProviderKeys, getProvider, listProviders, providerNames } from "@/lib/server/providers/registry";
import { openProviderKey, sealProviderKey } from "@/lib/server/providers/stored-key";
import { createTask, createUser, openTestDb, type TestDb } from "@/tests/support/db";
import { sealUnbound } from "@/tests/support/legacy-secret";
import { addProvider, deleteProvider, listProvidersForAdmin, setProviderEnabled, testProviderConnection, updateProvider } from "./providers";

const admin = { role: "admin" as const };
const member = { role: "member" as const };
let db: TestDb;
const sims: Simulator[] = [];

beforeAll(() => {
  db = openTestDb();
});

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

afterAll(() => db.cleanup());

async function add(overrides: Partial<Record<"name" | "protocol" | "baseUrl" | "apiKey", string>> = {}) {
  const input = createProviderSchema.parse({
    name: `Relay ${newId().slice(0, 6)}`,
    protocol: "newapi",
    baseUrl: "https://relay.example.com/",
    apiKey: `sk-${newId()}`,
    ...overrides,
  });
  return { input, dto: await addProvider(admin, input) };
}

/** The key as the registry would open it for a call. */
function storedKeyOf(id: string): string {
  const row = getProviderRow(id)!;
  return openProviderKey(row, row.keyCiphertext!).key;
}

/** A task pointing at the provider, as the generate service would write it. */
function useProvider(providerId: string) {
  createTask(createUser(), { providerId, status: "submitting" });
}

async function refusal(fn: () => unknown): Promise<{ code: string; details: unknown; key?: string }> {
  try {
    await fn();
  } catch (err) {
    if (isAppError(err)) return { code: err.code, details: err.details, key: err.key };
    throw err;
  }
  throw new Error("expected the call to be refused");
}

describe("adding and editing providers", () => {
  it("stores the key encrypted, shows it masked, and strips the trailing slash of the base URL", async () => {
    const { input, dto } = await add({ apiKey: "sk-live-abcdef0123456789a1b2" });
    const row = getProviderRow(dto.id)!;
    expect(dto).toMatchObject({ protocol: "newapi", baseUrl: "https://relay.example.com", keyMask: "sk-…a1b2", enabled: true, source: "db" });
    expect(dto.models.length).toBeGreaterThan(0);
    expect(JSON.stringify(dto)).not.toContain(input.apiKey);
    expect(JSON.stringify(row)).not.toContain(input.apiKey);
    expect(JSON.stringify(row)).not.toContain("abcdef0123456789");
    expect(storedKeyOf(dto.id)).toBe(input.apiKey);
    expect(getProvider(dto.id)?.enabled).toBe(true);
  });

  it("keeps the old key when the key field is left blank on the same host, and replaces it when filled", async () => {
    const { input, dto } = await add();
    const blank = updateProviderSchema.parse({ name: "Renamed relay", protocol: "newapi", baseUrl: "https://relay.example.com/v2", apiKey: "  " });
    const kept = await updateProvider(admin, dto.id, blank);
    expect(kept).toMatchObject({ name: "Renamed relay", baseUrl: "https://relay.example.com/v2", keyMask: dto.keyMask });
    expect(storedKeyOf(dto.id)).toBe(input.apiKey);

    const replaced = await updateProvider(admin, dto.id, updateProviderSchema.parse({ ...blank, apiKey: "sk-new-key-9z9z" }));
    expect(replaced.keyMask).toBe("sk-…9z9z");
    expect(storedKeyOf(dto.id)).toBe("sk-new-key-9z9z");
  });

  it("refuses a second provider with the same name, in any letter case", async () => {
    const { dto } = await add({ name: "Shared Relay" });
    const input = createProviderSchema.parse({ name: "shared relay", protocol: "sunohub", baseUrl: "https://x.example", apiKey: "k-1234" });
    expect(await refusal(() => addProvider(admin, input))).toEqual({ code: "conflict", details: { name: ["nameTaken"] } });
    expect((await updateProvider(admin, dto.id, { ...input, name: "Shared Relay" })).protocol).toBe("sunohub");
  });

  it("fixes the protocol once a task uses the provider", async () => {
    const { dto } = await add();
    useProvider(dto.id);
    const change = { name: dto.name, protocol: "sunohub" as const, baseUrl: dto.baseUrl };
    expect(await refusal(() => updateProvider(admin, dto.id, change))).toEqual({ code: "conflict", details: { protocol: ["protocolLocked"] } });
    expect((await updateProvider(admin, dto.id, { ...change, protocol: "newapi", baseUrl: "https://moved.example", apiKey: "sk-moved-1234" })).baseUrl).toBe(
      "https://moved.example",
    );
  });

  it("rejects bad form input with catalogue keys", async () => {
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

describe("keys stay with their vendor (SEC-15)", () => {
  it("a base URL moved to another host needs the key again; the same host keeps it", async () => {
    const { input, dto } = await add({ baseUrl: "https://relay.example.com" });
    const moved = { name: dto.name, protocol: "newapi" as const, baseUrl: "https://evil.example.net" };
    expect(await refusal(() => updateProvider(admin, dto.id, moved))).toEqual({ code: "validation", details: { apiKey: ["keyRequiredNewOrigin"] } });
    for (const other of ["http://relay.example.com", "https://relay.example.com:8443"]) {
      expect((await refusal(() => updateProvider(admin, dto.id, { ...moved, baseUrl: other }))).details).toEqual({ apiKey: ["keyRequiredNewOrigin"] });
    }
    expect(getProviderRow(dto.id)!.baseUrl).toBe("https://relay.example.com");
    expect(storedKeyOf(dto.id)).toBe(input.apiKey);
    await updateProvider(admin, dto.id, { ...moved, apiKey: "sk-for-the-new-host-1111" });
    expect(storedKeyOf(dto.id)).toBe("sk-for-the-new-host-1111");
  });

  it("the stored key is sealed to its provider and origin: moved by hand, it does not open", async () => {
    const { dto } = await add({ baseUrl: "https://relay.example.com" });
    updateProviderRow(dto.id, { baseUrl: "https://elsewhere.example.net" });
    const row = getProviderRow(dto.id)!;
    expect(() => openProviderKey(row, row.keyCiphertext!)).toThrow(/cannot be decrypted/);
    const other = (await add({ baseUrl: "https://relay.example.com" })).dto;
    expect(() => openProviderKey(getProviderRow(other.id)!, row.keyCiphertext!)).toThrow(/cannot be decrypted/);
  });

  it("refuses private, loopback and link-local base URLs unless the host is allowed by configuration", async () => {
    const saved = process.env.PROVIDER_ALLOWED_HOSTS;
    process.env.PROVIDER_ALLOWED_HOSTS = "";
    resetEnvCache();
    try {
      for (const baseUrl of ["http://127.0.0.1:3000", "http://localhost:8080", "http://10.0.0.2", "http://169.254.169.254", "http://[::1]:9000", "http://192.168.1.5"]) {
        expect(await refusal(() => add({ baseUrl }))).toEqual({ code: "validation", details: { baseUrl: ["baseUrlPrivate"] } });
      }
      const { dto } = await add({ baseUrl: "https://relay.example.com" });
      const internal = { name: dto.name, protocol: "newapi" as const, baseUrl: "http://10.1.2.3:8080", apiKey: "sk-internal-2222" };
      expect((await refusal(() => updateProvider(admin, dto.id, internal))).details).toEqual({ baseUrl: ["baseUrlPrivate"] });
      process.env.PROVIDER_ALLOWED_HOSTS = "10.1.2.3:8080";
      resetEnvCache();
      expect((await updateProvider(admin, dto.id, internal)).baseUrl).toBe("http://10.1.2.3:8080");
    } finally {
      process.env.PROVIDER_ALLOWED_HOSTS = saved;
      resetEnvCache();
    }
  });

  it("Test connection never sends the key to a private address the provider was not allowed", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const byAddress = (await add({ baseUrl: sim.url, apiKey: sim.key })).dto;
    const saved = process.env.PROVIDER_ALLOWED_HOSTS;
    const allow = (hosts: string) => {
      process.env.PROVIDER_ALLOWED_HOSTS = hosts;
      resetEnvCache();
    };
    try {
      allow("localhost");
      const byName = (await add({ baseUrl: sim.url.replace("127.0.0.1", "localhost"), apiKey: sim.key })).dto;
      allow("");
      for (const id of [byAddress.id, byName.id]) {
        const report = await testProviderConnection(admin, id);
        expect(report.outcome).toBe("unreachable");
        expect(report.detail).toMatch(/private or loopback.*PROVIDER_ALLOWED_HOSTS/);
      }
      expect(sim.requests.length).toBe(0);
    } finally {
      allow(saved ?? "");
    }
    expect((await testProviderConnection(admin, byAddress.id)).outcome).toBe("accepted");
  });

  it("a key stored before the binding keeps working and is sealed to its provider on first read", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const { dto } = await add({ baseUrl: sim.url, apiKey: sim.key });
    const legacy = sealUnbound(sim.key, fs.readFileSync(path.join(db.dataDir, "secret"), "utf8").trim());
    updateProviderRow(dto.id, { keyCiphertext: legacy });
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("accepted");
    const resealed = getProviderRow(dto.id)!.keyCiphertext!;
    expect(resealed).toMatch(/^v2\./);
    expect(storedKeyOf(dto.id)).toBe(sim.key);
  });
});

describe("provider names for lists", () => {
  it("name every provider, enabled or not, in the order of the provider list, and follow renames at once", async () => {
    const { dto, input } = await add({ name: "Night Relay" });
    setProviderEnabled(admin, dto.id, false);
    expect([...providerNames().keys()]).toEqual(listProviders().map((p) => p.id));
    expect([...providerNames().keys()][0]).toBe("demo");
    expect(providerNames().get(dto.id)).toBe("Night Relay");
    await updateProvider(admin, dto.id, { name: "Day Relay", protocol: input.protocol, baseUrl: input.baseUrl });
    expect(providerNames().get(dto.id)).toBe("Day Relay");
    deleteProvider(admin, dto.id);
    expect(providerNames().has(dto.id)).toBe(false);
  });
});

describe("enabling, disabling and deleting", () => {
  it("a disabled provider leaves the enabled list and comes back when enabled", async () => {
    const { dto } = await add();
    setProviderEnabled(admin, dto.id, false);
    expect(listProviders({ enabledOnly: true }).map((p) => p.id)).not.toContain(dto.id);
    expect(listProvidersForAdmin(admin).find((p) => p.id === dto.id)?.enabled).toBe(false);
    setProviderEnabled(admin, dto.id, true);
    expect(listProviders({ enabledOnly: true }).map((p) => p.id)).toContain(dto.id);
  });

  it("deletes an unused provider", async () => {
    const { dto } = await add();
    deleteProvider(admin, dto.id);
    expect(getProviderRow(dto.id)).toBeUndefined();
    expect(getProvider(dto.id)).toBeUndefined();
  });

  it("refuses to delete a provider that tasks reference, and suggests disabling it", async () => {
    const { dto } = await add();
    useProvider(dto.id);
    expect(await refusal(() => deleteProvider(admin, dto.id))).toEqual({ code: "conflict", key: "providers.errors.inUse" });
    expect(getProviderRow(dto.id)).toBeDefined();
    expect(listProvidersForAdmin(admin).find((p) => p.id === dto.id)?.taskCount).toBe(1);
  });

  it("treats env providers as read-only and refuses members everything", async () => {
    const readOnly = { code: "forbidden", key: "providers.errors.envReadOnly" };
    expect(await refusal(() => setProviderEnabled(admin, "demo", false))).toEqual(readOnly);
    expect(await refusal(() => deleteProvider(admin, "demo"))).toEqual(readOnly);
    expect(await refusal(() => updateProvider(admin, "demo", { name: "x", protocol: "newapi", baseUrl: "https://x.example" }))).toEqual(readOnly);
    expect(getProvider("demo")?.enabled).toBe(true);

    const { input, dto } = await add();
    expect((await refusal(() => listProvidersForAdmin(member))).code).toBe("forbidden");
    expect((await refusal(() => addProvider(member, input))).code).toBe("forbidden");
    expect((await refusal(() => deleteProvider(member, dto.id))).code).toBe("forbidden");
    expect((await refusal(() => testProviderConnection(member, dto.id))).code).toBe("forbidden");
    expect((await refusal(() => deleteProvider(admin, "no-such-provider"))).code).toBe("not_found");
  });

  it("lists the demo provider as an env provider without a key", async () => {
    expect(listProvidersForAdmin(admin)[0]).toMatchObject({ id: "demo", protocol: "demo", source: "env", keyMask: null, enabled: true });
  });
});

describe("test connection", () => {
  const starters = { newapi: startNewapiSimulator, nengyongai: startNengyongaiSimulator, sunohub: startSunohubSimulator };

  for (const protocol of ["newapi", "nengyongai", "sunohub"] as const) {
    it(`${protocol}: accepts the right key and rejects a wrong one, without repeating it`, async () => {
      const sim = await starters[protocol]();
      sims.push(sim);
      const good = (await add({ protocol, baseUrl: sim.url, apiKey: sim.key })).dto;
      expect(await testProviderConnection(admin, good.id)).toEqual({ outcome: "accepted", detail: null });

      const wrongKey = `sk-wrong-${newId()}`;
      const bad = (await add({ protocol, baseUrl: sim.url, apiKey: wrongKey })).dto;
      const report = await testProviderConnection(admin, bad.id);
      expect(report.outcome).toBe("rejected");
      expect(JSON.stringify(report)).not.toContain(wrongKey.slice(3));
      expect(sim.requests.filter((r) => r.authorized).length).toBe(1);
    });
  }

  it("reports a vendor that does not answer as unreachable", async () => {
    const sim = await startNewapiSimulator();
    const { dto } = await add({ baseUrl: sim.url, apiKey: sim.key });
    await sim.stop();
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("unreachable");
  });

  it("reports a vendor down behind its gateway as unreachable, and an exhausted balance as an error with the vendor's words", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const { dto } = await add({ baseUrl: sim.url, apiKey: sim.key });
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
    const { dto } = await add({ baseUrl: sim.url, apiKey: sim.key });
    sim.control.inject("any", { kind: "echo-auth" });
    const report = await testProviderConnection(admin, dto.id);
    expect(report.outcome).toBe("rejected");
    expect(report.detail).toContain("***");
    expect(report.detail).not.toContain(sim.key.slice(3));
  });

  it("a key that no longer opens is refused by name, never sent empty, until it is entered again", async () => {
    const sim = await startNewapiSimulator();
    sims.push(sim);
    const { dto } = await add({ name: "Locked relay", baseUrl: sim.url, apiKey: sim.key });
    // Sealed for another provider: what a copied row or a foreign secret looks like.
    updateProviderRow(dto.id, { keyCiphertext: sealProviderKey({ id: "someone-else", baseUrl: sim.url }, sim.key) });
    expect(listProvidersForAdmin(admin).find((p) => p.id === dto.id)?.keyMask).toBe(dto.keyMask);
    const report = await testProviderConnection(admin, dto.id);
    expect(report.outcome).toBe("rejected");
    expect(report.detail).toContain('"Locked relay"');
    await expect(getProvider(dto.id)!.adapter.fetchTasks(["t1"])).rejects.toThrow(/Locked relay.*cannot be decrypted/);
    expect(sim.requests.length).toBe(0);

    // The way out when the secret is gone for good: forget the key, switch the provider off, ask for the key again.
    expect(forgetUnreadableProviderKeys()).toContain("Locked relay");
    expect(getProviderRow(dto.id)).toMatchObject({ keyCiphertext: null, keyHint: null, enabled: false });
    expect(await refusal(() => updateProvider(admin, dto.id, { name: dto.name, protocol: "newapi", baseUrl: sim.url }))).toEqual({
      code: "validation",
      details: { apiKey: ["keyRequired"] },
    });
    await updateProvider(admin, dto.id, { name: dto.name, protocol: "newapi", baseUrl: sim.url, apiKey: sim.key });
    expect((await testProviderConnection(admin, dto.id)).outcome).toBe("accepted");
  });

  it("the demo provider always answers", async () => {
    expect(await testProviderConnection(admin, "demo")).toEqual({ outcome: "accepted", detail: null });
  });
});
