// The built-in demo provider: an offline, keyless stand-in for a Suno relay that
// follows the same lifecycle, so the whole app can be tried (and tested end to end)
// without a vendor account. It never touches the network, the database or the disk.
import { CAPABILITIES } from "@/lib/domain";
import { MODEL_LIMITS, type ModelId } from "@/lib/models";
import {
  isUploadSource,
  VendorError,
  type ModelInfo,
  type ProviderAdapter,
  type ProviderConfig,
  type SubmitResult,
  type UploadSource,
  type VendorSource,
  type VendorTask,
} from "../types";
import { renderDemoAsset } from "./assets";
import { describeDemoTask } from "./lifecycle";
import { voiceOf } from "./operations";
import { MAX_CLIP_SECONDS, naturalSeconds } from "./synth";
import { clipToken, decodeTaskId, encodeTaskId, lyricsToken, musicToken, seedOf, type ClipToken, type DemoToken } from "./task-codec";
import { AUDIO_PREFIX, demoJoinUrl, demoSoundUrl, MAX_JOIN_PIECES, parseDemoAudioUrl, soundSeconds, type JoinPiece } from "./urls";
import { demoTimedLyrics } from "./timing";

export { renderDemoAsset, type DemoAsset } from "./assets";
export { DEMO_FILE_SUCCEEDED_AFTER_MS, DEMO_PROGRESS_PEAK_MS, DEMO_RUNNING_AFTER_MS, DEMO_STREAMING_AFTER_MS, DEMO_SUCCEEDED_AFTER_MS } from "./lifecycle";
export { DEMO_EXTEND_SECONDS, DEMO_TAKES } from "./songs";
export { MAX_CLIP_SECONDS } from "./synth";

// Newest first: the first entry is the default model in the create form.
const OFFERED: ModelId[] = ["v5", "v4.5+", "v4.5", "v4", "v3.5"];
const MODELS: ModelInfo[] = OFFERED.map((id) => ({ id, vendorModel: `demo-${id}`, limits: MODEL_LIMITS[id] }));

export interface DemoAdapterOptions {
  /** The clock the lifecycle runs on; tests pass a fake one. */
  now?: () => number;
}

/**
 * Every operation is synthesised offline. Covers re-play the source's tune in a new
 * arrangement; a persona's voice is the lead's timbre; uploads are never fetched (the
 * demo is offline): their id, title and length stand in for the sound. The advanced
 * parameters only feed the request's seed, so changing them gives a different take.
 */
export function createDemoAdapter(_config: ProviderConfig, options: DemoAdapterOptions = {}): ProviderAdapter {
  const now = options.now ?? Date.now;
  const submit = (token: DemoToken): SubmitResult => {
    const vendorTaskId = encodeTaskId(token);
    return { vendorTaskId, raw: { demo: true, task_id: vendorTaskId } };
  };
  const onClip = (kind: ClipToken["kind"], source: VendorSource, title = source.title) => submit(clipToken(kind, soundOf(source), title, source.vendorClipId, now()));
  return {
    protocol: "demo",
    capabilities: CAPABILITIES,
    models: MODELS,
    batchFetch: true,
    renderLocalAsset: renderDemoAsset,

    async submitMusic(input): Promise<SubmitResult> {
      if (!OFFERED.includes(input.model)) {
        throw new VendorError("bad_request", `The demo provider does not offer model ${input.model}`);
      }
      const source = input.cover ? (isUploadSource(input.cover) ? uploadSound(input.cover.upload) : soundOf(input.cover)) : undefined;
      const voice = input.persona ? voiceOf(input.persona.vendorPersonaId) : undefined;
      return submit(musicToken(input, now(), { source, voice }));
    },

    async submitLyrics(input): Promise<SubmitResult> {
      const token = lyricsToken(input.prompt, now());
      return { ...submit(token), task: describeDemoTask(encodeTaskId(token), token, now()) };
    },

    async submitConcat({ source, segments }) {
      return submit(clipToken("concat", joinOf(segments), source.title, source.vendorClipId, now()));
    },

    async submitStems({ source }) {
      return onClip("stems", source);
    },

    async submitWav({ source }) {
      return onClip("wav", source);
    },

    async submitVideo({ source }) {
      return onClip("video", source);
    },

    async submitPersona({ source, name }) {
      return onClip("persona", source, name);
    },

    fetchTimedLyrics: async (source) => demoTimedLyrics(source.lyrics ?? null, source.duration ?? 0),

    async fetchTasks(vendorTaskIds) {
      const at = now();
      const tasks = new Map<string, VendorTask>();
      for (const id of vendorTaskIds) {
        const token = decodeTaskId(id);
        if (token) tasks.set(id, describeDemoTask(id, token, at));
      }
      return tasks;
    },

    async testConnection() {
      return { ok: true, message: "The demo provider is built in and always available" };
    },

    // Nothing is ever spent offline: a fixed, made-up balance, so the admin page shows how one looks.
    fetchBalance: async () => ({ amount: DEMO_BALANCE, unit: "credits" }),
  };
}

export const DEMO_BALANCE = 1000;

/** A demo clip's sound, as its audio URL after `demo:audio/`; anything else is not the demo's to work on. */
function soundOf(source: VendorSource): string {
  if (!parseDemoAudioUrl(source.audioUrl)) {
    throw new VendorError("bad_request", "The demo provider can only work on its own finished clips");
  }
  return (source.audioUrl as string).slice(AUDIO_PREFIX.length);
}

/** The demo never fetches an upload: it plays a tune seeded by the upload's id, as long as the file. */
function uploadSound(upload: UploadSource): string {
  const seed = seedOf(["upload", upload.uploadId]);
  const duration = upload.duration !== null && upload.duration >= 1 ? Math.min(upload.duration, MAX_CLIP_SECONDS) : naturalSeconds(seed);
  return demoSoundUrl({ seed, take: 0, seconds: Math.floor(duration * 100) / 100 }).slice(AUDIO_PREFIX.length);
}

/** The whole song: each segment up to where the next one continues it, then the last one whole. */
function joinOf(segments: (VendorSource & { continueAt: number | null })[]): string {
  if (segments.length === 0 || segments.length > MAX_JOIN_PIECES) {
    throw new VendorError("bad_request", `A whole song joins 1 to ${MAX_JOIN_PIECES} segments`);
  }
  const pieces: JoinPiece[] = [];
  segments.forEach((segment, i) => {
    const audio = parseDemoAudioUrl(segment.audioUrl);
    if (audio?.kind !== "sound") throw new VendorError("bad_request", "The demo provider can only join its own finished clips");
    const whole = soundSeconds(audio.sound);
    const next = segments[i + 1]?.continueAt;
    const seconds = next === undefined || next === null || !Number.isFinite(next) ? whole : Math.min(whole, Math.floor(next * 100) / 100);
    // A segment continued from its very start adds nothing to the whole song.
    if (seconds > 0) pieces.push({ sound: audio.sound, seconds });
  });
  return demoJoinUrl(pieces).slice(AUDIO_PREFIX.length);
}
