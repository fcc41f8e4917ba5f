// What a demo task looks like at a given moment. The phase is a pure function of the
// time since submission, so every poll (and every server process) sees the same
// story a real vendor tells: queued, running with streaming previews, then done.
import type { VendorClip, VendorTask } from "../types";
import { makeTitle, writeLyrics } from "./lyrics";
import { concatClips, fileResult, stemClips } from "./operations";
import { songClips } from "./songs";
import type { ClipToken, DemoToken, LyricsToken, MusicToken } from "./task-codec";

/** Before this the task is queued with no clips. */
export const DEMO_RUNNING_AFTER_MS = 1_000;
/** From here the two clips stream: preview audio, title and style, no final audio yet. */
export const DEMO_STREAMING_AFTER_MS = 2_000;
/** Progress climbs from 10 at RUNNING to 90 here, then holds until the task succeeds. */
export const DEMO_PROGRESS_PEAK_MS = 5_000;
export const DEMO_SUCCEEDED_AFTER_MS = 6_000;
/** WAV, video and persona tasks make no clips, so they skip streaming and finish sooner. */
export const DEMO_FILE_SUCCEEDED_AFTER_MS = 3_000;

export function describeDemoTask(vendorTaskId: string, token: DemoToken, now: number): VendorTask {
  switch (token.kind) {
    case "lyrics":
      return lyricsTask(vendorTaskId, token.submittedAt, lyricsFor(token));
    case "music":
    case "extend":
    case "cover":
      return songTask(vendorTaskId, token, now, (done, createdAt) => songClips(vendorTaskId, token as MusicToken, done, createdAt));
    case "concat":
      return songTask(vendorTaskId, token, now, (done, createdAt) => concatClips(vendorTaskId, token as ClipToken, done, createdAt));
    case "stems":
      return songTask(vendorTaskId, token, now, (done, createdAt) => stemClips(vendorTaskId, token as ClipToken, done, createdAt));
    default:
      return fileTask(vendorTaskId, token, now);
  }
}

export function lyricsFor(token: LyricsToken): { title: string; text: string } {
  return { title: makeTitle(token.prompt, token.seed), text: writeLyrics(token.prompt, token.seed) };
}

function lyricsTask(vendorTaskId: string, submittedAt: number, lyrics: { title: string; text: string }): VendorTask {
  // Lyrics are written on the spot, so the task is finished the moment it exists.
  const at = new Date(submittedAt);
  return {
    vendorTaskId,
    status: "succeeded",
    vendorStatus: "complete",
    progress: 100,
    error: null,
    clips: [],
    lyrics,
    submittedAt: at,
    startedAt: at,
    finishedAt: at,
    raw: { demo: true, kind: "lyrics" },
  };
}

/** Tasks that make clips: queued, running, streaming their clips, then succeeded. */
function songTask(vendorTaskId: string, token: DemoToken, now: number, clips: (done: boolean, createdAt: Date) => VendorClip[]): VendorTask {
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
    clips: streaming ? clips(done, at(DEMO_STREAMING_AFTER_MS)) : [],
    startedAt: at(DEMO_RUNNING_AFTER_MS),
    finishedAt: done ? at(DEMO_SUCCEEDED_AFTER_MS) : null,
  };
}

/** WAV, video and persona: queued, running, then succeeded with the file or the persona. */
function fileTask(vendorTaskId: string, token: ClipToken, now: number): VendorTask {
  const elapsed = now - token.submittedAt;
  const at = (ms: number) => new Date(token.submittedAt + ms);
  const base = { vendorTaskId, error: null, lyrics: null, clips: [], submittedAt: at(0), raw: { demo: true, kind: token.kind, elapsedMs: elapsed } };
  if (elapsed < DEMO_RUNNING_AFTER_MS) return { ...base, status: "queued", vendorStatus: "queued", progress: 0, startedAt: null, finishedAt: null };
  if (elapsed < DEMO_FILE_SUCCEEDED_AFTER_MS) {
    const progress = Math.round(10 + (80 * (elapsed - DEMO_RUNNING_AFTER_MS)) / (DEMO_FILE_SUCCEEDED_AFTER_MS - DEMO_RUNNING_AFTER_MS));
    return { ...base, status: "running", vendorStatus: "running", progress, startedAt: at(DEMO_RUNNING_AFTER_MS), finishedAt: null };
  }
  return {
    ...base,
    ...fileResult(token),
    status: "succeeded",
    vendorStatus: "complete",
    progress: 100,
    startedAt: at(DEMO_RUNNING_AFTER_MS),
    finishedAt: at(DEMO_FILE_SUCCEEDED_AFTER_MS),
  };
}
