import { AppError } from "@/lib/errors";
import { isModelId, type ModelId } from "@/lib/models";
import { generationSchemaFor, type GenerationInput, type MusicRequest } from "@/lib/schemas/generate";
import { getClipRowForViewer } from "@/lib/server/data/clip-access";
import { getTaskRow } from "@/lib/server/data/tasks";
import type { ClipRow } from "@/lib/server/db/schema";
import { parseOrThrow } from "@/lib/validation";
import { getProvider, listProviders, type ProviderEntry } from "@/lib/server/providers/registry";
import type { Capability, ProviderAdapter, SubmitMusicInput, VendorSource } from "@/lib/server/providers/types";
import { getClipRow } from "@/lib/server/data/clips";
import { getPersonaRow } from "@/lib/server/data/personas";
import { uploadSourceFor } from "./uploads";

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
  kind: "music" | "extend" | "cover";
  request: MusicRequest;
  /** What the adapter is asked to do (vendor ids for a source clip, a signed link for an upload). */
  vendorInput: Omit<SubmitMusicInput, "callbackUrl">;
  sourceClipId: string | null;
}

/** A 400 naming the operation, never a fallback to a plain (paid) song. */
export function operationUnavailable(provider: Pick<ProviderEntry, "name">, capability: Capability): AppError {
  return new AppError("bad_request", `${provider.name} cannot do "${capability}". Choose another provider, or ask an admin to switch the operation on.`, {
    key: "create.errors.operationUnavailable",
    details: { capability },
  });
}

export function requireCapability(provider: ProviderEntry, capability: Capability): void {
  if (!provider.capabilities.includes(capability)) throw operationUnavailable(provider, capability);
}

/** The clip as the vendor knows it: its ids, plus what a stateless provider needs to rebuild its sound. */
export function vendorSourceOf(clip: Pick<ClipRow, "vendorClipId" | "taskId" | "audioUrl" | "duration" | "title">): VendorSource {
  const vendorTaskId = getTaskRow(clip.taskId)?.vendorTaskId ?? undefined;
  return { vendorClipId: clip.vendorClipId, ...(vendorTaskId ? { vendorTaskId } : {}), audioUrl: clip.audioUrl, duration: clip.duration, title: clip.title || null };
}

export function resolveMusicRequest(viewer: { id: string }, input: GenerationInput): ResolvedMusic {
  const sourceId = input.extend?.clipId ?? input.cover?.clipId;
  const source = sourceId ? sourceClipFor(viewer, sourceId) : null;
  if (source && input.provider && input.provider !== source.providerId) throw invalid("provider", "providerInvalid");
  const persona = input.personaId ? getPersonaRow(input.personaId) : undefined;
  if (input.personaId && !persona) throw invalid("personaId", "personaInvalid");
  const provider = resolveProvider(input.provider ?? source?.providerId ?? persona?.providerId);
  if (persona && persona.providerId !== provider.id) throw invalid("personaId", "personaInvalid");
  const uploadId = input.extend?.uploadId ?? input.cover?.uploadId;
  if (input.extend) requireCapability(provider, "extend");
  if (input.cover) requireCapability(provider, "cover");
  if (uploadId) requireCapability(provider, "upload");
  if (persona) requireCapability(provider, "persona");

  const offered = provider.models;
  const fromSource = source && isModelId(source.model) && offered.some((m) => m.id === source.model) ? (source.model as ModelId) : undefined;
  const model = input.model ?? fromSource ?? offered[0]?.id;
  const info = offered.find((m) => m.id === model);
  if (!model || !info) throw invalid("model", "modelInvalid");
  const checked = parseOrThrow(generationSchemaFor(info.limits), input);
  const advanced = checked.advanced ? compact(checked.advanced) : undefined;
  if (advanced && Object.keys(advanced).length > 0 && !provider.advancedModels.includes(model)) throw invalid("advanced", "advancedUnsupported");
  const upload = uploadId ? uploadSourceFor(viewer, uploadId) : null;

  const fields: Omit<MusicRequest, "extend" | "cover"> = compact({
    mode: checked.mode,
    description: checked.description,
    lyrics: checked.lyrics,
    // An extension keeps the song's name and style unless told otherwise; a cover is a new arrangement.
    title: checked.title ?? (input.extend ? source?.title || upload?.title || undefined : undefined),
    style: checked.style ?? (input.extend ? (source?.style ?? undefined) : undefined),
    negativeStyle: checked.negativeStyle,
    instrumental: checked.instrumental,
    model,
    personaId: persona?.id,
    advanced: advanced && Object.keys(advanced).length > 0 ? advanced : undefined,
  });
  const request: MusicRequest = { ...fields };
  const { personaId: _personaId, advanced: _advanced, ...plain } = fields;
  const vendorInput: ResolvedMusic["vendorInput"] = { ...plain, ...(request.advanced ? { advanced: request.advanced } : {}) };
  if (persona) {
    const personaSource = persona.sourceClipId ? getClipRow(persona.sourceClipId) : undefined;
    vendorInput.persona = { vendorPersonaId: persona.vendorPersonaId, source: personaSource ? vendorSourceOf(personaSource) : { vendorClipId: "" } };
  }
  if (input.extend) {
    if (source) {
      const continueAt = continueAtFor(source.duration, checked.extend?.continueAt);
      request.extend = { clipId: source.id, continueAt };
      vendorInput.extend = { ...vendorSourceOf(source), continueAt };
    } else if (upload) {
      const continueAt = continueAtFor(upload.duration, checked.extend?.continueAt);
      request.extend = { uploadId: upload.uploadId, continueAt };
      vendorInput.extend = { upload, continueAt };
    }
  }
  if (input.cover) {
    if (source) {
      request.cover = { clipId: source.id };
      vendorInput.cover = vendorSourceOf(source);
    } else if (upload) {
      request.cover = { uploadId: upload.uploadId };
      vendorInput.cover = { upload };
    }
  }
  const kind = input.cover ? "cover" : input.extend ? "extend" : "music";
  return { provider, kind, request, vendorInput, sourceClipId: source?.id ?? null };
}

/** Any clip the person can read may be continued, covered, split or joined, as long as it finished. */
export function sourceClipFor(viewer: { id: string }, clipId: string): ClipRow {
  const clip = getClipRowForViewer(clipId, viewer);
  if (!clip) throw new AppError("not_found", "Clip not found.", { key: "common.errors.clipNotFound" });
  if (clip.state !== "succeeded")
    throw new AppError("conflict", "The song is not finished yet: only a finished song can be extended, covered, split or joined.", { key: "common.errors.clipNotFinished" });
  return clip;
}

/** Default: the end of the clip or upload. Never past it. */
function continueAtFor(end: number | null, requested: number | undefined): number {
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
