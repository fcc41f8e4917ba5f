import { archivedAudioPath, forgetWaveform, getWaveformStatus, nextPendingWaveform, saveWaveformFailure, saveWaveformPeaks } from "@/lib/server/data/waveforms";
import { listArchivedMediaAfter } from "@/lib/server/data/media";
import { logger } from "@/lib/server/logger";
import { UndecodableAudioError } from "@/lib/server/media/audio-sink";
import { computeFilePeaks } from "@/lib/server/media/peaks";
import { absoluteMediaPath } from "@/lib/server/media/storage";

// Waveforms are worked out from the archived audio, once per file: the worker
// (waveform-worker.ts) takes queued clips one at a time, and `media:waveforms` fills in
// clips archived before waveforms existed. A file that cannot be decoded is recorded
// as failed and left alone; it never touches the archive itself.

export type WaveformOutcome = "computed" | "failed" | "skipped";

// One decode at a time in this process, whoever asks (the worker, the command line):
// decoding is CPU work, and two at once would only halve each other's speed.
let chain: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}

/** Decodes the clip's archived audio and stores its peaks, or the reason it could not. */
export function computeClipWaveform(clipId: string, now: () => Date = () => new Date()): Promise<WaveformOutcome> {
  return oneAtATime(async () => {
    const relative = archivedAudioPath(clipId);
    if (!relative) {
      forgetWaveform(clipId);
      return "skipped";
    }
    let peaks: Buffer | null = null;
    let reason = "";
    try {
      peaks = await computeFilePeaks(absoluteMediaPath(relative));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A missing file is the archive's problem (media:verify reports it); say so plainly.
      reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "The archived audio file is missing" : message;
      if (!(err instanceof UndecodableAudioError)) logger.warn("waveform failed", { clipId, err: message });
    }
    // The clip may have been purged while it decoded: then there is nothing to keep.
    if (!archivedAudioPath(clipId)) return "skipped";
    if (peaks) saveWaveformPeaks(clipId, peaks, now());
    else saveWaveformFailure(clipId, reason.slice(0, 500), now());
    return peaks ? "computed" : "failed";
  });
}

/** Works through the queue until it is empty or `shouldStop` says so; answers how many it took. */
export async function processPendingWaveforms(shouldStop: () => boolean = () => false): Promise<number> {
  let taken = 0;
  for (let clipId = nextPendingWaveform(); clipId && !shouldStop(); clipId = nextPendingWaveform()) {
    await computeClipWaveform(clipId);
    taken++;
  }
  return taken;
}

export interface BackfillProgress {
  checked: number;
  computed: number;
  failed: number;
  skipped: number;
}

const PAGE = 200;

/**
 * `media:waveforms`: every clip with archived audio and no waveform gets one. With
 * `force`, clips that have one (or failed before) are worked out again.
 */
export async function backfillWaveforms(options: { force?: boolean; onProgress?: (p: BackfillProgress) => void } = {}): Promise<BackfillProgress> {
  const progress: BackfillProgress = { checked: 0, computed: 0, failed: 0, skipped: 0 };
  for (let after = ""; ;) {
    const page = listArchivedMediaAfter(after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    for (const row of page.filter((r) => r.kind === "audio")) {
      const status = getWaveformStatus(row.clipId);
      const done = status === "ready" || status === "failed";
      progress[done && !options.force ? "skipped" : await computeClipWaveform(row.clipId)]++;
      progress.checked++;
      options.onProgress?.(progress);
    }
  }
  return progress;
}
