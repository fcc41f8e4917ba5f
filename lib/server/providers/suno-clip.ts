import { z } from "zod";
import { clipModelFromVendor } from "./model-map";
import type { VendorClip, VendorClipState } from "./types";

// Clip parsing shared by the three adapters (REFERENCE §B.3, §B.5). Schemas are
// deliberately forgiving: unknown fields pass, a field of the wrong type becomes null,
// and only a missing id makes a clip unusable.

const toText = (v: unknown): string | null => (typeof v === "string" ? (v.trim() === "" ? null : v) : typeof v === "number" && Number.isFinite(v) ? String(v) : null);
const toNumber = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Any value → non-empty string or null. */
export const text = z.unknown().optional().transform(toText);
/** Any value → finite number or null. */
export const num = z.unknown().optional().transform(toNumber);
/** Ids arrive as strings (sometimes numbers); anything else is not an id. */
export const id = z.union([z.string().min(1), z.number().transform(String)]);

/** Epoch seconds, epoch milliseconds, numeric strings or ISO strings; 0 means "not yet". */
export function parseTime(value: unknown): Date | null {
  const n = toNumber(value);
  if (n !== null) {
    if (n <= 0) return null;
    return new Date(n > 1e11 ? n : n * 1000);
  }
  if (typeof value !== "string") return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at);
}

/** A URL we can keep: http(s), and not the "None.mp3" placeholder of failed clips. */
export function cleanUrl(value: string | null): string | null {
  if (!value || !/^https?:\/\//i.test(value.trim()) || /\/None\.mp3$/i.test(value)) return null;
  return value.trim();
}

/** Live stream previews (`https://audiopipe.suno.ai/?item_id=…`) are never final audio. */
export const isStreamUrl = (url: string) => /audiopipe/i.test(url);

// Every state word the vendors use, raw Suno `status` and sonic/AceData `state` alike.
const CLIP_STATES: Record<string, VendorClipState> = {
  submitted: "queued",
  queued: "queued",
  pending: "queued",
  running: "running",
  processing: "running",
  streaming: "streaming",
  complete: "succeeded",
  completed: "succeeded",
  succeeded: "succeeded",
  success: "succeeded",
  succeed: "succeeded",
  error: "failed",
  failed: "failed",
  failure: "failed",
  cancelled: "failed",
  rejected: "failed",
};
const CLIP_RANK: Record<VendorClipState, number> = { queued: 0, running: 1, streaming: 2, succeeded: 3, failed: 4 };

/** With both `status` and `state`, the more advanced wins; a failure beats a success. */
export function clipStateOf(...words: Array<string | null>): VendorClipState {
  const states = words.map((w) => (w ? CLIP_STATES[w.toLowerCase()] : undefined)).filter((s): s is VendorClipState => !!s);
  return states.reduce<VendorClipState>((best, s) => (CLIP_RANK[s] > CLIP_RANK[best] ? s : best), "queued");
}

interface ClipFields extends Omit<VendorClip, "audioUrl" | "streamAudioUrl" | "model"> {
  url: string | null;
  majorVersion: string | null;
}

/** Audio goes to `audioUrl` only when the clip succeeded and the URL is not a stream. */
function finishClip(f: ClipFields): VendorClip {
  const { url, majorVersion, ...rest } = f;
  const final = f.state === "succeeded" && url !== null && !isStreamUrl(url);
  const preview = !final && url !== null && f.state !== "failed";
  return {
    ...rest,
    model: clipModelFromVendor(f.vendorModel, majorVersion),
    audioUrl: final ? url : null,
    streamAudioUrl: preview ? url : null,
    errorMessage: f.state === "failed" ? f.errorMessage : null,
  };
}

const sunoMetadata = z.looseObject({ tags: text, prompt: text, duration: num, error_message: text, error_type: text }).nullish().catch(null);

/** Raw Suno clips and vendor 1's flattened "sonic" clips (newapi, nengyongai). */
export const sunoClipSchema = z
  .looseObject({
    id: id.optional().catch(undefined),
    clip_id: id.optional().catch(undefined),
    title: text,
    status: text,
    state: text,
    mv: text,
    model_name: text,
    major_model_version: text,
    audio_url: text,
    image_url: text,
    image_large_url: text,
    video_url: text,
    tags: text,
    prompt: text,
    duration: num,
    msg: text,
    created_at: z.unknown().optional(),
    create_time: z.unknown().optional(),
    metadata: sunoMetadata,
  })
  .refine((c) => c.clip_id ?? c.id, "clip without an id");

export function toSunoClip(c: z.output<typeof sunoClipSchema>): VendorClip {
  const m = c.metadata;
  return finishClip({
    vendorClipId: (c.clip_id ?? c.id) as string,
    title: c.title,
    lyrics: m?.prompt ?? c.prompt,
    style: m?.tags ?? c.tags,
    vendorModel: c.model_name ?? c.mv,
    majorVersion: c.major_model_version,
    duration: m?.duration ?? c.duration,
    url: cleanUrl(c.audio_url),
    imageUrl: cleanUrl(c.image_url),
    imageLargeUrl: cleanUrl(c.image_large_url),
    videoUrl: cleanUrl(c.video_url),
    state: clipStateOf(c.status, c.state),
    errorMessage: m?.error_message ?? c.msg,
    createdAt: parseTime(c.created_at ?? c.create_time),
  });
}

/** sunohub / AceData clips: `lyric`, `style`, `model`, `state`. `prompt` is the description there. */
export const aceClipSchema = z.looseObject({
  id,
  title: text,
  lyric: text,
  style: text,
  model: text,
  duration: num,
  audio_url: text,
  image_url: text,
  image_large_url: text,
  video_url: text,
  state: text,
  status: text,
  error_message: text,
  created_at: z.unknown().optional(),
});

export function toAceClip(c: z.output<typeof aceClipSchema>): VendorClip {
  return finishClip({
    vendorClipId: c.id,
    title: c.title,
    lyrics: c.lyric,
    style: c.style,
    vendorModel: c.model,
    majorVersion: null,
    duration: c.duration,
    url: cleanUrl(c.audio_url),
    imageUrl: cleanUrl(c.image_url),
    imageLargeUrl: cleanUrl(c.image_large_url),
    videoUrl: cleanUrl(c.video_url),
    state: clipStateOf(c.state, c.status),
    errorMessage: c.error_message,
    createdAt: parseTime(c.created_at),
  });
}

/** Parses each clip on its own: one broken clip never hides its sibling. */
export function parseClips<S extends z.ZodType>(items: unknown, schema: S, map: (c: z.output<S>) => VendorClip): VendorClip[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [map(parsed.data)] : [];
  });
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
