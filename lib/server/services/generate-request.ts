import { AppError } from "@/lib/errors";
import { isModelId, type ModelId } from "@/lib/models";
import { generationSchemaFor, type GenerationInput, type MusicRequest } from "@/lib/schemas/generate";
import { getClipRowForViewer } from "@/lib/server/data/clip-access";
import { getTaskRow } from "@/lib/server/data/tasks";
import type { ClipRow } from "@/lib/server/db/schema";
import { parseOrThrow } from "@/lib/validation";
import { getProvider, listProviders, type ProviderEntry } from "@/lib/server/providers/registry";
import type { ProviderAdapter, SubmitMusicInput } from "@/lib/server/providers/types";

// Turns what a person asked for into the normalised request a task keeps: the
// provider (default: the first enabled one), the model (default: the provider's
// first), the model's own limits, and for an extension the source clip it continues.

type Provider = ProviderEntry & { adapter: ProviderAdapter };

const invalid = (field: string, key: string) => new AppError("validation", "Some fields are not valid.", { details: { [field]: [key] } });

export function resolveProvider(requested: string | undefined): Provider {
  const id = requested ?? listProviders({ enabledOnly: true })[0]?.id;
  const provider = id ? getProvider(id) : undefined;
  if (!provider?.enabled) throw invalid("provider", "providerInvalid");
  return provider;
}

export interface ResolvedMusic {
  provider: Provider;
  kind: "music" | "extend";
  request: MusicRequest;
  /** What the adapter is asked to do (vendor ids for an extension). */
  vendorInput: Omit<SubmitMusicInput, "callbackUrl">;
  sourceClipId: string | null;
}

export function resolveMusicRequest(viewer: { id: string }, input: GenerationInput): ResolvedMusic {
  // Cover, uploads and personas are resolved by the operations this file grows next.
  if (input.cover || input.personaId || input.advanced || input.extend?.uploadId) throw invalid("cover", "operationUnavailable");
  const source = input.extend?.clipId ? sourceClipFor(viewer, input.extend.clipId) : null;
  if (source && input.provider && input.provider !== source.providerId) throw invalid("provider", "providerInvalid");
  const provider = resolveProvider(input.provider ?? source?.providerId);

  const offered = provider.models;
  const fromSource = source && isModelId(source.model) && offered.some((m) => m.id === source.model) ? (source.model as ModelId) : undefined;
  const model = input.model ?? fromSource ?? offered[0]?.id;
  const info = offered.find((m) => m.id === model);
  if (!model || !info) throw invalid("model", "modelInvalid");
  const checked = parseOrThrow(generationSchemaFor(info.limits), input);

  const fields: Omit<MusicRequest, "extend" | "cover" | "personaId" | "advanced"> = compact({
    mode: checked.mode,
    description: checked.description,
    lyrics: checked.lyrics,
    title: checked.title ?? (source ? source.title || undefined : undefined),
    style: checked.style ?? source?.style ?? undefined,
    negativeStyle: checked.negativeStyle,
    instrumental: checked.instrumental,
    model,
  });
  const request: MusicRequest = { ...fields };
  const vendorInput: ResolvedMusic["vendorInput"] = { ...fields };
  if (source) {
    const continueAt = continueAtFor(source, checked.extend?.continueAt);
    request.extend = { clipId: source.id, continueAt };
    // The vendor knows the clip by its own ids; new-api also wants the task that made it.
    const vendorTaskId = getTaskRow(source.taskId)?.vendorTaskId ?? undefined;
    vendorInput.extend = { vendorClipId: source.vendorClipId, continueAt, ...(vendorTaskId ? { vendorTaskId } : {}) };
  }
  return { provider, kind: source ? "extend" : "music", request, vendorInput, sourceClipId: source?.id ?? null };
}

/** Any clip the person can read may be continued, as long as it finished. */
function sourceClipFor(viewer: { id: string }, clipId: string): ClipRow {
  const clip = getClipRowForViewer(clipId, viewer);
  if (!clip) throw new AppError("not_found", "Clip not found.", { key: "common.errors.clipNotFound" });
  if (clip.state !== "succeeded") throw new AppError("conflict", "Only a finished song can be extended.", { key: "common.errors.clipNotFinished" });
  return clip;
}

/** Default: the end of the clip. Never past it. */
function continueAtFor(clip: ClipRow, requested: number | undefined): number {
  const end = clip.duration;
  if (requested === undefined) {
    if (end === null) throw invalid("extend.continueAt", "continueAtInvalid");
    return end;
  }
  if (end !== null && requested > end) throw invalid("extend.continueAt", "continueAtInvalid");
  return requested;
}

/** Drops undefined fields so stored requests compare equal when they say the same thing. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
