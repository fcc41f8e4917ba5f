import type { ModelId } from "@/lib/models";
import { isRecord } from "./suno-clip";
import { formatUrlIn } from "./suno-task";
import { isUploadSource, VendorError, type Capability, type SubmitClipOperationInput, type SubmitConcatInput, type SubmitMusicInput, type VendorTask } from "./types";

// What the sunohub protocol (an AceData Cloud clone, REFERENCE §A3) is sent, and how its
// answers to the file and persona calls read.

export const SUNOHUB_CAPABILITIES: readonly Capability[] = ["extend", "cover", "concat", "stems", "upload", "wav", "video", "timedLyrics", "persona"];
/**
 * What sunohub's own page confirms is on: the /suno/audios actions extend, cover, concat,
 * stems and upload_extend (with `audio_url`) are in its field list; upload_cover is the
 * AceData sibling of upload_extend on the same call. WAV, MP4, timing and persona are
 * menu entries on doc.sunohub.cn whose *paths* are inferred from AceData (§A3.1: names
 * [C], paths [I]), and making a persona needs one of them, so those four stay off until
 * an admin has seen them work on the relay.
 */
export const SUNOHUB_UNCONFIRMED: readonly Capability[] = ["wav", "video", "timedLyrics", "persona"];
/** AceData: vocal gender, weirdness and style influence take effect from v4.5 on. */
export const SUNOHUB_ADVANCED_MODELS: readonly ModelId[] = ["v4.5", "v4.5+", "v5", "v5.5"];

/** A callback or `async` gets an immediate task id instead of a 1–2 minute wait. */
export function withDelivery(body: Record<string, unknown>, callbackUrl?: string): Record<string, unknown> {
  if (callbackUrl) body.callback_url = callbackUrl;
  else body.async = true;
  return body;
}

/** Our 0–100 sliders are AceData's 0–1 floats; parameters for older models are left out, as the vendor ignores them there. */
function advancedFields(input: SubmitMusicInput): Record<string, unknown> {
  const a = input.advanced;
  if (!a || !SUNOHUB_ADVANCED_MODELS.includes(input.model)) return {};
  const fields: Record<string, unknown> = {};
  if (a.vocalGender) fields.vocal_gender = a.vocalGender;
  if (a.weirdness !== undefined) fields.weirdness = Math.round(a.weirdness) / 100;
  if (a.styleInfluence !== undefined) fields.style_influence = Math.round(a.styleInfluence) / 100;
  return fields;
}

function actionOf(input: SubmitMusicInput): string {
  const source = input.extend ?? input.cover;
  const upload = source !== undefined && isUploadSource(source);
  if (input.extend) return upload ? "upload_extend" : "extend";
  if (input.cover) return upload ? "upload_cover" : "cover";
  return input.persona ? "artist_consistency" : "generate";
}

export function buildSunohubAudiosBody(input: SubmitMusicInput, model: string): Record<string, unknown> {
  if (input.persona && (input.extend || input.cover)) throw new VendorError("bad_request", "This provider cannot sing in a persona's voice while extending or covering");
  const body: Record<string, unknown> = { action: actionOf(input), model };
  const custom = input.mode === "custom" || Boolean(input.extend);
  // AceData's cover example leaves out `custom` and `instrumental` where they keep their default (false).
  if (!input.cover || custom) body.custom = custom;
  if (!input.cover || input.instrumental) body.instrumental = input.instrumental;
  if (!custom) {
    body.prompt = input.description ?? "";
  } else {
    if (input.lyrics) body.lyric = input.lyrics;
    if (input.title) body.title = input.title;
    if (input.style) body.style = input.style;
  }
  if (input.negativeStyle) body.style_negative = input.negativeStyle;
  const source = input.extend ?? input.cover;
  if (source && isUploadSource(source)) body.audio_url = source.upload.audioUrl;
  else if (source) body.audio_id = source.vendorClipId;
  if (input.extend) body.continue_at = input.extend.continueAt;
  if (input.persona) {
    body.persona_id = input.persona.vendorPersonaId;
    body.audio_id = input.persona.source.vendorClipId;
  }
  return withDelivery(Object.assign(body, advancedFields(input)), input.callbackUrl);
}

/** concat takes the chain's last extension and answers one clip with its concat_history. */
export const buildSunohubConcatBody = (input: SubmitConcatInput) => withDelivery({ action: "concat", audio_id: input.source.vendorClipId }, input.callbackUrl);

/** `is_pro`: "Pro account, supports stems and WAV" (sunohub's field list). */
export const buildSunohubStemsBody = (input: SubmitClipOperationInput) => withDelivery({ action: "stems", audio_id: input.source.vendorClipId, is_pro: true }, input.callbackUrl);

/**
 * The file or persona a /suno/wav, /suno/mp4 or /suno/persona task made, told by the
 * record's `type` or, for a record without one, by the shape of its data (clips carry
 * an `id`; a WAV answer is `[{file_url}]`, an MP4 one `{video_url}`, a persona one
 * `{persona_id}`). Null for songs and lyrics.
 */
export function sunohubOperationResult(type: string | null, data: unknown): Pick<VendorTask, "formats" | "persona"> | null {
  const first = Array.isArray(data) ? data[0] : data;
  if (!isRecord(first)) return null;
  const kind = type?.toLowerCase();
  const isClip = typeof first.id === "string";
  if (kind === "persona" || (!isClip && typeof first.persona_id === "string")) {
    return typeof first.persona_id === "string" ? { persona: { vendorPersonaId: first.persona_id } } : {};
  }
  if (kind === "wav" || (!isClip && typeof first.file_url === "string")) {
    const wav = formatUrlIn(data, "wav");
    return wav ? { formats: { wav } } : {};
  }
  if (kind === "mp4" || kind === "video" || (!isClip && typeof first.video_url === "string")) {
    const video = formatUrlIn(data, "video");
    return video ? { formats: { video } } : {};
  }
  return null;
}
