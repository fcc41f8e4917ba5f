import { z } from "zod";
import { text } from "./suno-clip";
import type { VendorClip, VendorTask, VendorTaskStatus } from "./types";

// Task-level rules shared by the adapters (REFERENCE §B.3): deriving a status from
// clips, the progress heuristic, the succeeded guard, failure messages, lyrics results.

/** Task status from clips alone, for vendors that omit or garble the task status. */
export function statusFromClips(clips: VendorClip[]): VendorTaskStatus {
  if (clips.length === 0) return "queued";
  if (clips.every((c) => c.state === "succeeded" || c.state === "failed")) {
    return clips.some((c) => c.state === "succeeded") ? "succeeded" : "failed";
  }
  return clips.some((c) => c.state !== "queued") ? "running" : "queued";
}

/** queued 0, running 50, terminal 100, for vendors without a progress field. */
export const progressHeuristic = (status: VendorTaskStatus) => (status === "queued" ? 0 : status === "running" ? 50 : 100);

/**
 * The succeeded guard (§B.3): a success needs ≥1 succeeded clip with final audio, or
 * the lyrics text for a lyrics task. Otherwise the vendor ended without output.
 */
export function guardSucceeded(task: VendorTask): VendorTask {
  if (task.status !== "succeeded") return task;
  const ok = task.lyrics ? task.lyrics.text.trim() !== "" : task.clips.some((c) => c.state === "succeeded" && c.audioUrl);
  if (ok) return task;
  return { ...task, status: "failed", error: { code: "no_output", message: null } };
}

/** The vendor's reason for a failure: the task's, else the first failed clip's; null when it gave none. */
export function failureMessage(reason: string | null, clips: VendorClip[]): string | null {
  return reason || clips.find((c) => c.errorMessage)?.errorMessage || null;
}

const lyricsSchema = z.looseObject({ text: text, lyric: text, title: text });

/** Lyrics results: an object (`{id,text,title,status}`) or an array of candidates; the first with text wins. */
export function parseLyrics(data: unknown): { title: string; text: string } | null {
  for (const item of Array.isArray(data) ? data : [data]) {
    const parsed = lyricsSchema.safeParse(item);
    const body = parsed.success ? (parsed.data.text ?? parsed.data.lyric) : null;
    if (parsed.success && body) return { title: parsed.data.title ?? "", text: body };
  }
  return null;
}
