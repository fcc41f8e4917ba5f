import type { TaskKind, Viewer } from "@/lib/domain";
import { getClipRowForViewer } from "@/lib/server/data/clip-access";
import type { PersonaDto } from "@/lib/dto";
import { AppError } from "@/lib/errors";
import type { ConcatInput, PersonaInput } from "@/lib/schemas/generate";
import { listExtensionChain, MAX_CHAIN_SEGMENTS } from "@/lib/server/data/clips";
import { listPersonaRows } from "@/lib/server/data/personas";
import { requireCapability, resolveProvider, sourceClipFor, vendorSourceOf } from "./generate-request";
import { submitTask, type Requester, type SubmitOptions, type SubmitOutcome } from "./generate";

// The operations on a finished clip besides extend and cover (DESIGN "Round 2
// contracts"): whole song, stems, WAV, video and persona. Each checks that the clip is
// readable and finished and that its provider can do the operation (a 400 otherwise,
// never an ordinary paid song), then goes through the same submit path as a song:
// task row first, one vendor call, the poller finishes it.

type ClipOperation = "stems" | "wav" | "video";

/** The clip's own provider does the work: vendors know only their own clips. */
function providerOfClip(requested: string | undefined, clip: { providerId: string }) {
  if (requested && requested !== clip.providerId) {
    throw new AppError("validation", "Some fields are not valid.", { details: { provider: ["providerInvalid"] } });
  }
  return resolveProvider(clip.providerId);
}

/** "Get whole song": one clip joining an extension chain, from its last extension. */
export async function submitConcat(viewer: Requester, input: ConcatInput, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const clip = sourceClipFor(viewer, input.concat.clipId);
  if (!clip.parentClipId) throw new AppError("conflict", "Only an extension can be joined into a whole song.", { key: "clip.errors.notAnExtension" });
  const provider = providerOfClip(input.provider, clip);
  requireCapability(provider, "concat");
  const chain = listExtensionChain(clip.id);
  if (chain.length > MAX_CHAIN_SEGMENTS) throw new AppError("conflict", `A whole song joins at most ${MAX_CHAIN_SEGMENTS} parts.`, { key: "clip.errors.chainTooLong" });
  if (chain.some((c) => c.state !== "succeeded" || c.providerId !== clip.providerId)) {
    throw new AppError("conflict", "Every part of the song must be finished first.", { key: "clip.errors.chainUnfinished" });
  }
  const segments = chain.map((c) => c.id);
  return submitTask(viewer, options, {
    providerId: provider.id,
    kind: "concat",
    request: { clipId: clip.id, segments },
    sourceClipId: clip.id,
    call: (callbackUrl) => {
      if (!provider.adapter.submitConcat) throw unsupported();
      return provider.adapter.submitConcat({
        source: vendorSourceOf(clip),
        segments: chain.map((c) => ({ ...vendorSourceOf(c), continueAt: c.continueAt })),
        ...(callbackUrl ? { callbackUrl } : {}),
      });
    },
  });
}

/** Stems (two new clips), or a WAV or video file for the clip itself. */
export async function submitClipOperation(viewer: Requester, clipId: string, kind: ClipOperation, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const clip = sourceClipFor(viewer, clipId);
  const provider = providerOfClip(undefined, clip);
  requireCapability(provider, kind);
  if (kind === "wav" && clip.wavUrl) throw new AppError("conflict", "This song already has a WAV file.", { key: "clip.errors.hasWav" });
  if (kind === "video" && clip.videoUrl) throw new AppError("conflict", "This song already has a video.", { key: "clip.errors.hasVideo" });
  const source = vendorSourceOf(clip);
  return submitTask(viewer, options, {
    providerId: provider.id,
    kind,
    request: { clipId: clip.id },
    sourceClipId: clip.id,
    call: (callbackUrl) => {
      const input = { source, ...(callbackUrl ? { callbackUrl } : {}) };
      const adapter = provider.adapter;
      const call = kind === "stems" ? adapter.submitStems : kind === "wav" ? adapter.submitWav : adapter.submitVideo;
      if (!call) throw unsupported();
      return call.call(adapter, input);
    },
  });
}

/** A persona (a voice to sing in) made from a clip; the team sees it once the vendor made it. */
export async function submitPersona(viewer: Requester, input: PersonaInput, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const clip = sourceClipFor(viewer, input.clipId);
  const provider = providerOfClip(undefined, clip);
  requireCapability(provider, "persona");
  return submitTask(viewer, options, {
    providerId: provider.id,
    kind: "persona",
    request: { clipId: clip.id, name: input.name, ...(input.description ? { description: input.description } : {}) },
    sourceClipId: clip.id,
    call: (callbackUrl) => {
      if (!provider.adapter.submitPersona) throw unsupported();
      return provider.adapter.submitPersona({ source: vendorSourceOf(clip), name: input.name, description: input.description ?? null, ...(callbackUrl ? { callbackUrl } : {}) });
    },
  });
}

/**
 * The team's personas, newest first (every member may sing in any of them). The clip a
 * persona was made from is named only to viewers who may see that clip.
 */
export function listPersonas(viewer: Pick<Viewer, "id">): PersonaDto[] {
  return listPersonaRows().map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    providerId: p.providerId,
    sourceClipId: p.sourceClipId && getClipRowForViewer(p.sourceClipId, viewer) ? p.sourceClipId : null,
    owner: { id: p.ownerId, name: p.ownerName },
    createdAt: p.createdAt.toISOString(),
  }));
}

/** Task kinds these functions start, for callers that dispatch on a stored task (retry). */
export const CLIP_OPERATION_KINDS = ["stems", "wav", "video"] as const satisfies readonly TaskKind[];

// The capability check above runs first; an adapter without the method is a programming
// error in the adapter's declaration, reported like any vendor refusal.
function unsupported(): Error {
  return new AppError("bad_request", "This provider does not offer the operation.", { key: "create.errors.operationUnavailable" });
}
