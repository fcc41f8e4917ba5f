import { env } from "@/lib/env";
import { maskKey } from "@/lib/server/crypto";
import { logger } from "@/lib/server/logger";
import { forgetProviderKey, getProviderRow, listProviderNameRows, listProviderRows, replaceProviderKeyCiphertext, upsertEnvProviderRow } from "@/lib/server/data/providers";
import type { ProviderRow } from "@/lib/server/db/schema";
import { createAdapter } from "./index";
import { openProviderKey, UnreadableProviderKeyError } from "./stored-key";
import { VendorError, type Capability, type LocalAsset, type ModelInfo, type Protocol, type ProviderAdapter, type ProviderConfig } from "./types";
import { keyScrubber } from "./vendor-http";

// The only place that picks an adapter. Env providers (ids newapi, nengyongai,
// sunohub, demo) are mirrored into the providers table at start so tasks can
// reference them; their keys stay in the environment. Admin-added providers keep
// their key encrypted in the table.

const DEFAULT_BASE_URLS: Partial<Record<Protocol, string>> = {
  nengyongai: "https://api.nengyongai.com",
  sunohub: "https://api.sunohub.cn",
};

const ENV_NAMES: Record<Protocol, string> = {
  demo: "Demo (offline)",
  newapi: "new-api relay",
  nengyongai: "nengyongai",
  sunohub: "sunohub",
};

interface EnvProvider {
  id: Protocol;
  baseUrl: string;
  apiKey: string;
  enabled: boolean;
}

function envProviders(): EnvProvider[] {
  const e = env();
  const vendor = (id: "newapi" | "nengyongai" | "sunohub", baseUrl?: string, apiKey?: string): EnvProvider => {
    const url = baseUrl ?? (apiKey ? DEFAULT_BASE_URLS[id] : undefined) ?? "";
    return { id, baseUrl: url, apiKey: apiKey ?? "", enabled: Boolean(url && apiKey) };
  };
  return [
    { id: "demo", baseUrl: "", apiKey: "", enabled: e.DEMO_PROVIDER === "on" },
    vendor("newapi", e.NEWAPI_BASE_URL, e.NEWAPI_API_KEY),
    vendor("nengyongai", e.NENGYONGAI_BASE_URL, e.NENGYONGAI_API_KEY),
    vendor("sunohub", e.SUNOHUB_BASE_URL, e.SUNOHUB_API_KEY),
  ];
}

/** Called at boot: env providers appear, update or switch off to match the environment. */
export function syncEnvProviders() {
  for (const p of envProviders()) {
    const existing = getProviderRow(p.id);
    if (!p.enabled && !existing) continue; // never configured: nothing to show
    upsertEnvProviderRow({ id: p.id, name: ENV_NAMES[p.id], protocol: p.id, baseUrl: p.baseUrl, enabled: p.enabled });
  }
}

export interface ProviderEntry {
  id: string;
  name: string;
  protocol: Protocol;
  baseUrl: string;
  enabled: boolean;
  source: ProviderRow["source"];
  keyHint: string | null;
  models: ModelInfo[];
  /** What this provider does now: the adapter's confirmed operations plus the unconfirmed ones an admin switched on. */
  capabilities: Capability[];
  /** The adapter's unconfirmed operations (REFERENCE [D]/[I]), each off until switched on. */
  unconfirmedCapabilities: Capability[];
  /** Models that take the advanced parameters. */
  advancedModels: ModelInfo["id"][];
}

/** Confirmed operations are always on; an unconfirmed one only when the row switched it on. */
export function effectiveCapabilities(adapter: Pick<ProviderAdapter, "capabilities" | "unconfirmedCapabilities">, switchedOn: readonly Capability[] | null): Capability[] {
  const unconfirmed = adapter.unconfirmedCapabilities ?? [];
  return adapter.capabilities.filter((c) => !unconfirmed.includes(c) || (switchedOn ?? []).includes(c));
}

const adapterCache = new Map<string, { fingerprint: string; adapter: ProviderAdapter }>();

function configFor(row: ProviderRow): ProviderConfig {
  if (row.source === "env") {
    const p = envProviders().find((x) => x.id === row.id);
    return { id: row.id, name: row.name, protocol: row.protocol, baseUrl: p?.baseUrl ?? row.baseUrl, apiKey: p?.apiKey ?? "" };
  }
  return { id: row.id, name: row.name, protocol: row.protocol, baseUrl: row.baseUrl, apiKey: storedKey(row) };
}

/** Opens the row's key, writing back a ciphertext from before keys were bound to their provider. */
function storedKey(row: ProviderRow): string {
  if (!row.keyCiphertext) return "";
  const { key, resealed } = openProviderKey(row, row.keyCiphertext);
  if (resealed) replaceProviderKeyCiphertext(row.id, row.keyCiphertext, resealed);
  return key;
}

/**
 * A provider whose key does not open keeps its place in lists and its models, but
 * every vendor call fails with the reason, naming the provider: it never calls
 * with an empty key (SEC-15, REL-9).
 */
function lockedAdapter(row: ProviderRow, err: UnreadableProviderKeyError): ProviderAdapter {
  const shape = createAdapter({ id: row.id, name: row.name, protocol: row.protocol, baseUrl: row.baseUrl, apiKey: "" });
  const refuse = async (): Promise<never> => {
    throw new VendorError("auth", err.message);
  };
  return {
    protocol: shape.protocol,
    models: shape.models,
    batchFetch: shape.batchFetch,
    capabilities: shape.capabilities,
    unconfirmedCapabilities: shape.unconfirmedCapabilities,
    advancedModels: shape.advancedModels,
    renderLocalAsset: shape.renderLocalAsset,
    submitMusic: refuse,
    submitLyrics: refuse,
    ...(shape.submitConcat ? { submitConcat: refuse } : {}),
    ...(shape.submitStems ? { submitStems: refuse } : {}),
    ...(shape.submitWav ? { submitWav: refuse } : {}),
    ...(shape.submitVideo ? { submitVideo: refuse } : {}),
    ...(shape.submitPersona ? { submitPersona: refuse } : {}),
    ...(shape.fetchTimedLyrics ? { fetchTimedLyrics: refuse } : {}),
    ...(shape.fetchBalance ? { fetchBalance: refuse } : {}),
    fetchTasks: refuse,
    testConnection: async () => ({ ok: false, reason: "rejected", message: err.message }),
  };
}

/** The adapter for a provider row, rebuilt when its settings change. */
export function adapterFor(row: ProviderRow): ProviderAdapter {
  const fingerprint = `${row.protocol}|${row.baseUrl}|${row.keyCiphertext ?? ""}|${row.updatedAt?.getTime() ?? 0}`;
  const cached = adapterCache.get(row.id);
  if (cached?.fingerprint === fingerprint) return cached.adapter;
  let adapter: ProviderAdapter;
  try {
    adapter = createAdapter(configFor(row));
  } catch (err) {
    if (!(err instanceof UnreadableProviderKeyError)) throw err;
    logger.error("a stored provider key cannot be decrypted", { providerId: row.id, provider: row.name, reason: err.message });
    adapter = lockedAdapter(row, err);
  }
  adapterCache.set(row.id, { fingerprint, adapter });
  return adapter;
}

/**
 * At start: every stored key must open with this server's secret, for its provider and
 * origin. Keys from before the binding are sealed to it on the way. Throws one error
 * naming every provider whose key does not open (a restore without its secret file).
 */
export function openStoredProviderKeys() {
  const failures: UnreadableProviderKeyError[] = [];
  for (const row of listProviderRows()) {
    if (row.source !== "db") continue;
    try {
      storedKey(row);
    } catch (err) {
      if (!(err instanceof UnreadableProviderKeyError)) throw err;
      failures.push(err);
    }
  }
  if (failures.length > 0) throw new Error(failures.map((f) => f.message).join("\n"));
}

/** Clears and disables the providers whose stored key does not open; answers their names. */
export function forgetUnreadableProviderKeys(): string[] {
  const forgotten: string[] = [];
  for (const row of listProviderRows()) {
    if (row.source !== "db" || !row.keyCiphertext) continue;
    try {
      storedKey(row);
    } catch (err) {
      if (!(err instanceof UnreadableProviderKeyError)) throw err;
      forgetProviderKey(row.id);
      evictAdapter(row.id);
      forgotten.push(row.name);
    }
  }
  return forgotten;
}

/** Drops a deleted provider's adapter so its decrypted key does not linger in memory. */
export function evictAdapter(id: string) {
  adapterCache.delete(id);
}

/** Replaces the provider's key (bare or with `sk-`) in text about to be shown or logged; keys never leave this module. */
export function redactProviderKey(id: string, text: string): string {
  const row = getProviderRow(id);
  if (!row) return text;
  try {
    return keyScrubber(configFor(row).apiKey)(text);
  } catch (err) {
    if (err instanceof UnreadableProviderKeyError) return text; // a key nobody can read was never sent
    throw err;
  }
}

function toEntry(row: ProviderRow): ProviderEntry {
  const adapter = adapterFor(row);
  const envKey = row.source === "env" ? envProviders().find((x) => x.id === row.id)?.apiKey : undefined;
  return {
    id: row.id,
    name: row.name,
    protocol: row.protocol,
    baseUrl: row.baseUrl,
    enabled: row.enabled,
    source: row.source,
    keyHint: row.source === "env" ? (envKey ? maskKey(envKey) : null) : row.keyHint,
    models: adapter.models,
    capabilities: effectiveCapabilities(adapter, row.enabledCapabilities),
    unconfirmedCapabilities: [...(adapter.unconfirmedCapabilities ?? [])],
    advancedModels: [...(adapter.advancedModels ?? [])],
  };
}

// Demo first on a fresh install, so it is the preselected provider.
const demoFirst = (a: { id: string }, b: { id: string }) => Number(b.id === "demo") - Number(a.id === "demo");

export function listProviders(options: { enabledOnly?: boolean } = {}): ProviderEntry[] {
  return listProviderRows()
    .filter((r) => !options.enabledOnly || r.enabled)
    .sort(demoFirst)
    .map(toEntry);
}

/** Display names by id, in listProviders' order, without building adapters: for labels and filters. */
export function providerNames(): Map<string, string> {
  return new Map(
    listProviderNameRows()
      .sort(demoFirst)
      .map((p) => [p.id, p.name]),
  );
}

/** The provider's renderer for media it makes on this server, when it has one (see ProviderAdapter.renderLocalAsset). */
export function localAssetRenderer(providerId: string): ((url: string) => LocalAsset | null) | undefined {
  const row = getProviderRow(providerId);
  const adapter = row ? adapterFor(row) : undefined;
  return adapter?.renderLocalAsset?.bind(adapter);
}

export function getProvider(id: string): (ProviderEntry & { adapter: ProviderAdapter }) | undefined {
  const row = getProviderRow(id);
  if (!row) return undefined;
  return { ...toEntry(row), adapter: adapterFor(row) };
}
