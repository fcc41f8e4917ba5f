import { env } from "@/lib/env";
import type { Capability } from "@/lib/domain";
import type { ProviderDto } from "@/lib/schemas/responses";
import { listProviders, providerNames } from "@/lib/server/providers/registry";

// What members may know about providers: the enabled ones, their models and input
// limits, and names for labels. Never a base URL, key or key hint (SEC-8).

/** The providers a member can generate with, as GET /api/v1/providers and the create form show them. */
export function listProvidersForMembers(): ProviderDto[] {
  return listProviders({ enabledOnly: true }).map((p) => ({
    id: p.id,
    name: p.name,
    protocol: p.protocol,
    models: p.models.map((m) => ({ id: m.id, limits: m.limits })),
    defaultModel: p.models[0]?.id ?? null,
    // Uploads reach the vendor through a link on APP_URL; without one there is nothing to fetch.
    capabilities: p.capabilities.filter((c) => c !== "upload" || Boolean(env().APP_URL)),
    advancedModels: p.advancedModels,
  }));
}

/** Display names by provider id, for labelling clips (a removed provider falls back to its id at the caller). */
export function listProviderNames(): Map<string, string> {
  return providerNames();
}

/** What a provider offers members now (nothing when it is gone or disabled): the clip page offers only these. */
export function providerCapabilities(providerId: string): Capability[] {
  return listProvidersForMembers().find((p) => p.id === providerId)?.capabilities ?? [];
}
