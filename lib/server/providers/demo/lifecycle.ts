// What a demo task looks like at a given moment. The phase is a pure function of the
// time since submission, so every poll (and every server process) sees the same
// story a real vendor tells: queued, running with streaming previews, then done.
import type { VendorClip, VendorTask } from "../types";
import { demoAudioUrl, demoCoverUrl } from "./assets";
import { makeStyle, makeTitle, writeLyrics } from "./lyrics";
import { describeKey, planSong } from "./music";
import { MAX_CLIP_SECONDS, naturalSeconds } from "./synth";
import { clipIdFor, type DemoToken, type LyricsToken, type MusicToken } from "./task-codec";

/** Before this the task is queued with no clips. */
export const DEMO_RUNNING_AFTER_MS = 1_000;
/** From here the two clips stream: preview audio, title and style, no final audio yet. */
export const DEMO_STREAMING_AFTER_MS = 2_000;
/** Progress climbs from 10 at RUNNING to 90 here, then holds until the task succeeds. */
export const DEMO_PROGRESS_PEAK_MS = 5_000;
export const DEMO_SUCCEEDED_AFTER_MS = 6_000;
/** Suno makes two takes per music task. */
export const DEMO_TAKES = 2;
/** An extend adds this much music after `continueAt` (less when the clip would pass MAX_CLIP_SECONDS). */
export const DEMO_EXTEND_SECONDS = 20;

export function describeDemoTask(vendorTaskId: string, token: DemoToken, now: number): VendorTask {
  return token.kind === "lyrics" ? lyricsTask(vendorTaskId, token) : musicTask(vendorTaskId, token, now);
}

export function lyricsFor(token: LyricsToken): { title: string; text: string } {
  return { title: makeTitle(token.prompt, token.seed), text: writeLyrics(token.prompt, token.seed) };
}

function lyricsTask(vendorTaskId: string, token: LyricsToken): VendorTask {
  // Lyrics are written on the spot, so the task is finished the moment it exists.
  const at = new Date(token.submittedAt);
  return {
    vendorTaskId,
    status: "succeeded",
    vendorStatus: "complete",
    progress: 100,
    error: null,
    clips: [],
    lyrics: lyricsFor(token),
    submittedAt: at,
    startedAt: at,
    finishedAt: at,
    raw: { demo: true, kind: "lyrics" },
  };
}

function musicTask(vendorTaskId: string, token: MusicToken, now: number): VendorTask {
  const elapsed = now - token.submittedAt;
  const at = (ms: number) => new Date(token.submittedAt + ms);
  const base = { vendorTaskId, error: null, lyrics: null, submittedAt: at(0), raw: { demo: true, kind: token.kind, elapsedMs: elapsed } };
  if (elapsed < DEMO_RUNNING_AFTER_MS) {
    return { ...base, status: "queued", vendorStatus: "queued", progress: 0, clips: [], startedAt: null, finishedAt: null };
  }
  const done = elapsed >= DEMO_SUCCEEDED_AFTER_MS;
  const climb = (elapsed - DEMO_RUNNING_AFTER_MS) / (DEMO_PROGRESS_PEAK_MS - DEMO_RUNNING_AFTER_MS);
  const streaming = elapsed >= DEMO_STREAMING_AFTER_MS;
  return {
    ...base,
    status: done ? "succeeded" : "running",
    vendorStatus: done ? "complete" : streaming ? "streaming" : "running",
    progress: done ? 100 : Math.round(10 + 80 * Math.min(1, climb)),
    clips: streaming ? songClips(vendorTaskId, token, done, at(DEMO_STREAMING_AFTER_MS)) : [],
    startedAt: at(DEMO_RUNNING_AFTER_MS),
    finishedAt: done ? at(DEMO_SUCCEEDED_AFTER_MS) : null,
  };
}

function songClips(vendorTaskId: string, token: MusicToken, done: boolean, createdAt: Date): VendorClip[] {
  const song = songFor(token);
  return Array.from({ length: DEMO_TAKES }, (_, take) => {
    const audio = demoAudioUrl(token.seed, take, song.seconds);
    const cover = demoCoverUrl(token.seed, take, song.title);
    return {
      vendorClipId: clipIdFor(vendorTaskId, take),
      title: song.title,
      lyrics: song.lyrics,
      style: song.style,
      model: token.model,
      vendorModel: `demo-${token.model}`,
      duration: done ? song.seconds : null,
      audioUrl: done ? audio : null,
      streamAudioUrl: done ? null : audio,
      imageUrl: cover,
      imageLargeUrl: cover,
      videoUrl: null,
      state: done ? "succeeded" : "streaming",
      errorMessage: null,
      createdAt,
    };
  });
}

/** Custom mode keeps what the user wrote; inspiration mode (and any gap) is filled from the seed. */
function songFor(token: MusicToken): { title: string; style: string; lyrics: string | null; seconds: number } {
  const custom = token.mode === "custom";
  const words = token.text ?? token.style ?? token.title ?? "";
  const title = (custom && token.title) || makeTitle(words, token.seed);
  const plan = planSong(token.seed);
  const style = (custom && token.style) || makeStyle(token.seed, describeKey(plan), plan.bpm);
  const lyrics = token.instrumental ? null : (custom && token.text) || writeLyrics(words || title, token.seed);
  if (token.kind !== "extend") return { title, style, lyrics, seconds: naturalSeconds(token.seed) };
  const continueAt = Math.min(token.continueAt ?? 0, MAX_CLIP_SECONDS - DEMO_EXTEND_SECONDS);
  // An extension of an extension keeps one suffix, not "(extended) (extended)".
  const extendedTitle = title.endsWith(" (extended)") ? title : `${title} (extended)`;
  return { title: extendedTitle, style, lyrics, seconds: Math.round((continueAt + DEMO_EXTEND_SECONDS) * 100) / 100 };
}
