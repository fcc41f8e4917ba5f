import { z } from "zod";
import { id, isRecord } from "./suno-clip";
import { answeredTask, formatUrlIn } from "./suno-task";
import {
  isUploadSource,
  VendorError,
  type SubmitClipOperationInput,
  type SubmitConcatInput,
  type SubmitMusicInput,
  type SubmitPersonaInput,
  type SubmitResult,
  type VendorTask,
} from "./types";

// What the new-api family sends and gets back beyond a plain song (REFERENCE §A1.1, §B.2).
// Only `extend` is confirmed for vendor 1 and nengyongai; every other operation follows
// the most concrete page a relay of the family publishes (a request *and* an answer),
// and each is declared unconfirmed, off until an admin switches it on for a relay that
// has it. The choices, where REFERENCE leaves more than one:
//   concat   POST /suno/submit/concat {clip_id, is_infill:false}: new-api-docs, the fixture.
//   upload   POST /suno/uploads/audio-url {url} → `data` is the new clip id (new-api-docs,
//            modelverse "suno-cover"); then extend it with task "upload_extend" or cover it.
//   cover    task "cover" + cover_clip_id + task_id (the source's task, or the upload's clip
//            id: modelverse documents both for task_id).
//   stems    task "gen_stem", two stems (CometAPI "separate vocals"): the only family page with
//            a whole body; REFERENCE's /suno/submit/audio/separation/* shows none.
//   wav/mp4  GET /suno/act/wav|mp4/{clip_id} → `data` is a task id (kkiai, bltcy template);
//            the finished task's clip carries wav_url / video_url. A relay that answers with
//            the file at once is read too.
//   timing   GET /suno/act/timing/{clip_id} → {aligned_words…} (rixapi, yutoai: same body).
//   persona  POST /suno/persona/create {root_clip_id, name, description, clips, is_public}
//            → {id} (CometAPI, yutoai); REFERENCE's /suno/submit/persona shows no body.
//   voice    task "artist_consistency" + persona_id + artist_clip_id, model "*-tau" (CometAPI).

/** Persona voices run on the "tau" variant of the model where the family names one. */
const PERSONA_MODELS: Record<string, string> = { "chirp-v3-5": "chirp-v3-5-tau", "chirp-v4": "chirp-v4-tau" };

/** §B.2: inspiration sends only the description; custom, extend and cover send lyrics, tags and title. */
export function buildNewapiMusicBody(input: SubmitMusicInput, mv: string, uploadedClipId?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { mv, make_instrumental: input.instrumental };
  if (input.mode === "inspiration" && !input.extend) {
    body.gpt_description_prompt = input.description ?? "";
  } else {
    body.prompt = input.lyrics ?? "";
    body.tags = input.style ?? "";
    body.title = input.title ?? "";
  }
  if (input.negativeStyle) body.negative_tags = input.negativeStyle;
  if (input.persona && (input.extend || input.cover)) throw new VendorError("bad_request", "This provider cannot sing in a persona's voice while extending or covering");
  const source = input.extend ?? input.cover;
  if (source) {
    const upload = isUploadSource(source);
    const clipId = upload ? uploadedClipId : source.vendorClipId;
    if (!clipId) throw new VendorError("bad_request", "The uploaded file has not reached the vendor");
    const taskId = upload ? clipId : source.vendorTaskId;
    if (taskId) body.task_id = taskId;
    if (input.extend) {
      body.task = upload ? "upload_extend" : "extend";
      body.continue_clip_id = clipId;
      body.continue_at = input.extend.continueAt;
    } else {
      body.task = "cover";
      body.cover_clip_id = clipId;
    }
  }
  if (input.persona) {
    body.task = "artist_consistency";
    body.persona_id = input.persona.vendorPersonaId;
    body.artist_clip_id = input.persona.source.vendorClipId;
    if (input.persona.source.vendorTaskId) body.task_id = input.persona.source.vendorTaskId;
    body.mv = PERSONA_MODELS[mv] ?? mv;
  }
  if (input.callbackUrl) body.notify_hook = input.callbackUrl;
  return body;
}

const hook = (callbackUrl?: string) => (callbackUrl ? { notify_hook: callbackUrl } : {});

export const buildNewapiConcatBody = (input: SubmitConcatInput) => ({ clip_id: input.source.vendorClipId, is_infill: false, ...hook(input.callbackUrl) });

export function buildNewapiStemsBody(input: SubmitClipOperationInput): Record<string, unknown> {
  return {
    task: "gen_stem",
    generation_type: "TEXT",
    title: input.source.title ?? "",
    mv: "chirp-auk",
    prompt: "",
    make_instrumental: true,
    ...(input.source.vendorTaskId ? { task_id: input.source.vendorTaskId } : {}),
    continue_clip_id: input.source.vendorClipId,
    stem_type_id: 91,
    stem_type_group_name: "Two",
    stem_task: "two",
    ...hook(input.callbackUrl),
  };
}

/** Personas stay private to the relay's account: Songloft shares them with the team itself. */
export const buildNewapiPersonaBody = (input: SubmitPersonaInput) => ({
  root_clip_id: input.source.vendorClipId,
  name: input.name,
  description: input.description ?? "",
  clips: [input.source.vendorClipId],
  is_public: false,
});

/** `data` is the uploaded clip's id, as a string or inside an object. */
export const uploadAnswerSchema = z
  .looseObject({ data: z.union([id, z.looseObject({ clip_id: id }).transform((d) => d.clip_id), z.looseObject({ id }).transform((d) => d.id)]) })
  .transform((a): string => a.data);

/** A WAV/MP4 request's answer: the file itself (finished now) or a task id to poll. */
export function formatSubmitResult(kind: "wav" | "video", sourceClipId: string, raw: unknown): SubmitResult {
  const data = isRecord(raw) ? raw.data : undefined;
  const url = formatUrlIn(data, kind);
  if (url) {
    const vendorTaskId = `${kind}:${sourceClipId}`;
    return { vendorTaskId, raw, task: answeredTask(vendorTaskId, raw, { formats: { [kind]: url } }) };
  }
  const taskId = typeof data === "string" ? data : isRecord(data) && typeof data.task_id === "string" ? data.task_id : null;
  if (taskId) return { vendorTaskId: taskId, raw };
  throw new VendorError("bad_response", `The vendor's ${kind === "wav" ? "WAV" : "video"} answer holds neither a file nor a task id.`, { raw });
}

const personaIdIn = (v: unknown): string | null => {
  if (!isRecord(v)) return null;
  const found = v.persona_id ?? v.id;
  return typeof found === "string" && found !== "" ? found : null;
};

/** A persona answer: the persona itself (`{id}`, or inside `data`), or a task id to poll. */
export function personaSubmitResult(raw: unknown): SubmitResult {
  const data = isRecord(raw) ? raw.data : undefined;
  const personaId = personaIdIn(raw) ?? personaIdIn(data);
  if (personaId) {
    const vendorTaskId = `persona:${personaId}`;
    return { vendorTaskId, raw, task: answeredTask(vendorTaskId, raw, { persona: { vendorPersonaId: personaId } }) };
  }
  if (typeof data === "string" && data !== "") return { vendorTaskId: data, raw };
  throw new VendorError("bad_response", "The vendor's persona answer holds no persona id.", { raw });
}

/**
 * A fetched task that made a file or a persona rather than clips, told by its action
 * (WAV, MP4, PERSONA…: the upper-cased path segment of the call that made it). Null
 * for song and lyrics tasks, whose clips carry video links of their own.
 */
export function operationResultOf(action: string | null, data: unknown): Pick<VendorTask, "formats" | "persona"> | null {
  const word = action?.toUpperCase() ?? "";
  if (/WAV/.test(word)) {
    const wav = formatUrlIn(data, "wav");
    return wav ? { formats: { wav } } : {};
  }
  if (/MP4|VIDEO|^MV/.test(word)) {
    const video = formatUrlIn(data, "video");
    return video ? { formats: { video } } : {};
  }
  if (/PERSONA/.test(word)) {
    const personaId = personaIdIn(Array.isArray(data) ? data[0] : data);
    return personaId ? { persona: { vendorPersonaId: personaId } } : {};
  }
  return null;
}
