import { env } from "@/lib/env";
import { decryptSecret, maskKey } from "@/lib/server/crypto";
import { logger } from "@/lib/server/logger";
import { getProviderRow, listProviderNameRows, listProviderRows, upsertEnvProviderRow } from "@/lib/server/data/providers";
import type { ProviderRow } from "@/lib/server/db/schema";
import { createAdapter } from "./index";
import type { ModelInfo, Protocol, ProviderAdapter, ProviderConfig } from "./types";
import { keyScrubber } from "./vendor-http";

// The only place that picks an adapter. Env providers (ids newapi, nengyongai,
// sunohub, demo) are mirrored into the providers table at start so tasks can
// reference them; their keys stay in the environment. Admin-added providers keep
// their key encrypted in the table.

export const ENV_PROVIDER_IDS = ["demo", "newapi", "nengyongai", "sunohub"] as const;

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
}

const adapterCache = new Map<string, { fingerprint: string; adapter: ProviderAdapter }>();

function configFor(row: ProviderRow): ProviderConfig {
  if (row.source === "env") {
    const p = envProviders().find((x) => x.id === row.id);
    return { id: row.id, name: row.name, protocol: row.protocol, baseUrl: p?.baseUrl ?? row.baseUrl, apiKey: p?.apiKey ?? "" };
  }
  return { id: row.id, name: row.name, protocol: row.protocol, baseUrl: row.baseUrl, apiKey: storedKey(row) };
}

/**
 * A key that no longer decrypts (the app secret changed) must not take the admin
 * pages down with it: the provider then calls without a key, Test connection says
 * "key rejected", and the admin enters the key again.
 */
function storedKey(row: ProviderRow): string {
  if (!row.keyCiphertext) return "";
  try {
    return decryptSecret(row.keyCiphertext);
  } catch {
    logger.warn("a stored provider key cannot be decrypted; was the app secret changed?", { providerId: row.id });
    return "";
  }
}

/** The adapter for a provider row, rebuilt when its settings change. */
export function adapterFor(row: ProviderRow): ProviderAdapter {
  const fingerprint = `${row.protocol}|${row.baseUrl}|${row.keyCiphertext ?? ""}|${row.updatedAt?.getTime() ?? 0}`;
  const cached = adapterCache.get(row.id);
  if (cached?.fingerprint === fingerprint) return cached.adapter;
  const adapter = createAdapter(configFor(row));
  adapterCache.set(row.id, { fingerprint, adapter });
  return adapter;
}

/** Drops a deleted provider's adapter so its decrypted key does not linger in memory. */
export function evictAdapter(id: string) {
  adapterCache.delete(id);
}

/** Replaces the provider's key (bare or with `sk-`) in text about to be shown or logged; keys never leave this module. */
export function redactProviderKey(id: string, text: string): string {
  const row = getProviderRow(id);
  return row ? keyScrubber(configFor(row).apiKey)(text) : text;
}

function toEntry(row: ProviderRow): ProviderEntry {
  const envKey = row.source === "env" ? envProviders().find((x) => x.id === row.id)?.apiKey : undefined;
  return {
    id: row.id,
    name: row.name,
    protocol: row.protocol,
    baseUrl: row.baseUrl,
    enabled: row.enabled,
    source: row.source,
    keyHint: row.source === "env" ? (envKey ? maskKey(envKey) : null) : row.keyHint,
    models: adapterFor(row).models,
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
  return new Map(listProviderNameRows().sort(demoFirst).map((p) => [p.id, p.name]));
}

export function getProvider(id: string): (ProviderEntry & { adapter: ProviderAdapter }) | undefined {
  const row = getProviderRow(id);
  if (!row) return undefined;
  return { ...toEntry(row), adapter: adapterFor(row) };
}
