import { z } from "zod";
import { isRecord, text } from "./suno-clip";
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
  const made = Boolean(task.formats?.wav || task.formats?.video || task.persona);
  const ok = task.lyrics ? task.lyrics.text.trim() !== "" : made || task.clips.some((c) => c.state === "succeeded" && c.audioUrl);
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

/**
 * A task the vendor finished within its answer (a WAV link, a persona id): there is
 * nothing to poll, so it arrives terminal with the time of the answer.
 */
export function answeredTask(vendorTaskId: string, raw: unknown, result: Pick<VendorTask, "formats" | "persona">): VendorTask {
  const now = new Date();
  return guardSucceeded({
    vendorTaskId,
    status: "succeeded",
    vendorStatus: "answered",
    progress: 100,
    error: null,
    clips: [],
    lyrics: null,
    ...result,
    submittedAt: now,
    startedAt: now,
    finishedAt: now,
    raw,
  });
}

const STEM_SUFFIX = /\s*(?:-\s*|\(\s*)(vocals?|instrumental)\s*\)?\s*$/i;

/**
 * Stems come back as two clips; Songloft shows them as "<title> - Vocals" then
 * "<title> - Instrumental" whatever the vendor's order and wording ("(Vocals)"). Any
 * other pair (two takes of one song share a title) is left as it is.
 */
export function orderStems(clips: VendorClip[]): VendorClip[] {
  if (clips.length !== 2) return clips;
  const kinds = clips.map(
    (c) =>
      STEM_SUFFIX.exec(c.title ?? "")?.[1]
        ?.toLowerCase()
        .startsWith("vocal") ?? null,
  );
  if (kinds[0] === null || kinds[1] === null || kinds[0] === kinds[1]) return clips;
  const named = clips.map((c, i) => {
    const base = (c.title ?? "").replace(STEM_SUFFIX, "").trim();
    return { ...c, title: `${base} - ${kinds[i] ? "Vocals" : "Instrumental"}`.trim() };
  });
  return kinds[0] ? named : [named[1], named[0]];
}

/** Where relays put a WAV or MP4 link: their own names first, the generic ones last. */
const FORMAT_KEYS = { wav: ["wav_url", "wav_file_url", "file_url", "url"], video: ["video_url", "mp4_url", "file_url", "url"] } as const;
const isHttp = (v: unknown): v is string => typeof v === "string" && /^https?:\/\//i.test(v.trim());

/** The WAV or MP4 link in an answer's or a task's `data` (an object, an array of clips, or the link itself). */
export function formatUrlIn(data: unknown, kind: "wav" | "video"): string | null {
  for (const item of Array.isArray(data) ? data : [data]) {
    if (isHttp(item)) return item.trim();
    if (!isRecord(item)) continue;
    const found = FORMAT_KEYS[kind].map((key) => item[key]).find(isHttp);
    if (found) return found.trim();
  }
  return null;
}
