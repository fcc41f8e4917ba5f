import type { Viewer } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import type { ModelId } from "@/lib/models";
import type { ConnectionOutcome, ConnectionReport, CreateProviderInput, UpdateProviderInput } from "@/lib/schemas/providers";
import { env } from "@/lib/env";
import { maskKey } from "@/lib/server/crypto";
import {
  countTasksByProvider,
  countTasksForProvider,
  providerHasTasks,
  deleteUnusedProviderRow,
  getProviderRow,
  insertProviderRow,
  listProviderRows,
  updateProviderRow,
} from "@/lib/server/data/providers";
import type { ProviderRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { logger } from "@/lib/server/logger";
import { privateAddressOf } from "@/lib/server/providers/destination";
import { evictAdapter, getProvider, listProviders, redactProviderKey, type ProviderEntry } from "@/lib/server/providers/registry";
import { originOf, sealProviderKey } from "@/lib/server/providers/stored-key";
import { balanceOf, type ProviderBalanceDto } from "./provider-balance";
import type { Capability, Protocol } from "@/lib/server/providers/types";

// Admin use cases for vendor providers. Keys go in encrypted and come out only as a
// mask (SEC-8); env providers are read-only here because the environment owns them.

export interface AdminProviderDto {
  id: string;
  name: string;
  protocol: Protocol;
  baseUrl: string;
  /** "sk-…a1b2", or null when no key is set. */
  keyMask: string | null;
  enabled: boolean;
  source: "env" | "db";
  models: ModelId[];
  taskCount: number;
  /** Operations on now. */
  capabilities: Capability[];
  /** Operations the relay family documents but the vendor has not confirmed: each an admin's switch. */
  unconfirmedCapabilities: Capability[];
  /** The vendor account's balance as last read, and the admin's warning threshold. */
  balance: ProviderBalanceDto;
}

type Actor = Pick<Viewer, "role">;

function assertAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can manage providers.", { key: "providers.errors.forbidden" });
}

function toDto(entry: ProviderEntry, taskCount: number): AdminProviderDto {
  const { id, name, protocol, baseUrl, keyHint, enabled, source, models, capabilities, unconfirmedCapabilities } = entry;
  const row = rowOf(id);
  return {
    id,
    name,
    protocol,
    baseUrl,
    keyMask: keyHint,
    enabled,
    source,
    models: models.map((m) => m.id),
    taskCount,
    capabilities,
    unconfirmedCapabilities,
    balance: balanceOf(row),
  };
}

function rowOf(id: string): ProviderRow {
  const row = getProviderRow(id);
  if (!row) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  return row;
}

function editableRow(id: string): ProviderRow {
  const row = rowOf(id);
  if (row.source === "env") {
    throw new AppError("forbidden", "This provider is configured by the environment and cannot be changed here.", {
      key: "providers.errors.envReadOnly",
    });
  }
  return row;
}

function assertNameFree(name: string, exceptId?: string) {
  const taken = listProviderRows().some((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new AppError("conflict", "Another provider already has this name.", { details: { name: ["nameTaken"] } });
}

export function listProvidersForAdmin(actor: Actor): AdminProviderDto[] {
  assertAdmin(actor);
  const counts = countTasksByProvider();
  return listProviders().map((entry) => toDto(entry, counts.get(entry.id) ?? 0));
}

export function getProviderForAdmin(actor: Actor, id: string): AdminProviderDto {
  assertAdmin(actor);
  const entry = getProvider(id);
  if (!entry) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  return toDto(entry, countTasksForProvider(id));
}

/** A key must not be sent to this server's own network unless the operator said so (SEC-15). */
async function assertPublicBaseUrl(baseUrl: string) {
  const address = await privateAddressOf(baseUrl, env().PROVIDER_ALLOWED_HOSTS);
  if (address) {
    throw new AppError("validation", `The base URL points at a private address (${address}).`, { details: { baseUrl: ["baseUrlPrivate"] } });
  }
}

export async function addProvider(actor: Actor, input: CreateProviderInput): Promise<AdminProviderDto> {
  assertAdmin(actor);
  assertNameFree(input.name);
  await assertPublicBaseUrl(input.baseUrl);
  const id = newId();
  const row = insertProviderRow({
    id,
    name: input.name,
    protocol: input.protocol,
    baseUrl: input.baseUrl,
    keyCiphertext: sealProviderKey({ id, baseUrl: input.baseUrl }, input.apiKey),
    keyHint: maskKey(input.apiKey),
    enabled: true,
    source: "db",
  });
  return getProviderForAdmin(actor, row.id);
}

/**
 * A blank key keeps the stored one, but only while the base URL stays on the same
 * origin: the stored key is sealed to its origin, and a key typed for one host is
 * never sent to another (SEC-15). The protocol is fixed once tasks use the provider.
 */
export async function updateProvider(actor: Actor, id: string, input: UpdateProviderInput): Promise<AdminProviderDto> {
  assertAdmin(actor);
  const row = editableRow(id);
  assertNameFree(input.name, id);
  const originChanged = originOf(input.baseUrl) !== originOf(row.baseUrl);
  if (!input.apiKey && (originChanged || !row.keyCiphertext)) {
    const reason = row.keyCiphertext ? "keyRequiredNewOrigin" : "keyRequired";
    const message = row.keyCiphertext ? "Enter the key again: the base URL now points at another host." : "Enter the API key.";
    throw new AppError("validation", message, { details: { apiKey: [reason] } });
  }
  if (input.protocol !== row.protocol && providerHasTasks(id)) {
    throw new AppError("conflict", "Tasks already use this provider, so its protocol cannot change.", {
      details: { protocol: ["protocolLocked"] },
    });
  }
  await assertPublicBaseUrl(input.baseUrl);
  updateProviderRow(id, {
    name: input.name,
    protocol: input.protocol,
    baseUrl: input.baseUrl,
    ...(input.apiKey ? { keyCiphertext: sealProviderKey({ id, baseUrl: input.baseUrl }, input.apiKey), keyHint: maskKey(input.apiKey) } : {}),
  });
  return getProviderForAdmin(actor, id);
}

export function setProviderEnabled(actor: Actor, id: string, enabled: boolean) {
  assertAdmin(actor);
  editableRow(id);
  updateProviderRow(id, { enabled });
}

/**
 * Switches on the chosen unconfirmed operations (the rest off). Allowed for env
 * providers too: the environment owns their address and key, not what the relay
 * turns out to support. Confirmed operations cannot be switched off.
 */
export function setProviderCapabilities(actor: Actor, id: string, switchedOn: Capability[]): AdminProviderDto {
  assertAdmin(actor);
  rowOf(id);
  const entry = getProvider(id);
  const allowed = new Set(entry?.unconfirmedCapabilities ?? []);
  const chosen = [...new Set(switchedOn)].filter((c) => allowed.has(c));
  updateProviderRow(id, { enabledCapabilities: chosen });
  return getProviderForAdmin(actor, id);
}

/** Tasks keep pointing at their provider, so a provider in use can only be disabled. */
export function deleteProvider(actor: Actor, id: string) {
  assertAdmin(actor);
  editableRow(id);
  const result = deleteUnusedProviderRow(id);
  if (result === "in_use") {
    throw new AppError("conflict", "Tasks use this provider, so it cannot be deleted. Disable it instead.", {
      key: "providers.errors.inUse",
    });
  }
  if (result === "missing") throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  evictAdapter(id);
}

const HEADLINE = /^(key rejected|vendor unreachable):\s*/i;

/** One cheap authenticated call through the provider's adapter. Works for env providers too. */
export async function testProviderConnection(actor: Actor, id: string): Promise<ConnectionReport> {
  assertAdmin(actor);
  const entry = getProvider(id);
  if (!entry) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  const redact = (text: string) => redactProviderKey(id, text);
  try {
    const result = await entry.adapter.testConnection();
    if (result.ok) return { outcome: "accepted", detail: null };
    const outcome: ConnectionOutcome = result.reason === "rejected" ? "rejected" : result.reason === "unreachable" ? "unreachable" : "error";
    const detail = redact(result.message).replace(HEADLINE, "").trim();
    return { outcome, detail: detail || null };
  } catch (err) {
    // Adapters turn vendor failures into results; reaching here is a bug, logged without the key.
    logger.error("connection test failed unexpectedly", { providerId: id, error: redact(err instanceof Error ? err.message : String(err)) });
    return { outcome: "error", detail: null };
  }
}
