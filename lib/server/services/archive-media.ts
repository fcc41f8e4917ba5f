import { env } from "@/lib/env";
import {
  claimDueMedia,
  getClipMediaSource,
  deleteMediaRowsForClip,
  getMediaFile,
  listProviderBaseUrls,
  markMediaArchived,
  markMediaAttemptFailed,
  releaseMediaClaim,
  upsertPendingMedia,
  type PendingMedia,
} from "@/lib/server/data/media";
import { queueWaveform } from "@/lib/server/data/waveforms";
import type { MediaFile } from "@/lib/server/db/schema";
import { sha256Hex } from "@/lib/server/ids";
import { logger } from "@/lib/server/logger";
import { metrics } from "@/lib/server/metrics";
import { acceptContentType, extensionFor, mediaKindOf, MEDIA_KINDS, rowKindOf } from "@/lib/server/media/content-types";
import { createHostPolicy, type HostPolicy } from "@/lib/server/media/host-policy";
import { MediaFetchError, safeDownload, type SafeDownloadOptions } from "@/lib/server/media/safe-fetch";
import { isDemoAssetUrl, mediaSourceUrl } from "@/lib/server/media/sources";
import { commitMediaFile, mediaTempDir, relativeMediaPath, removeClipMediaDir, removeMediaFile, removeStaleTempFiles, writeMediaBuffer } from "@/lib/server/media/storage";
import { localAssetRenderer } from "@/lib/server/providers/registry";
import { wakeWaveformWorker } from "./waveform-worker";

// Copies a finished clip's audio, cover and video into DATA_DIR/media so history
// outlives the vendor's CDN. enqueueClipMedia only writes queue rows (synchronous,
// fine inside the poller's transaction); processDueMedia does the network work
// outside any transaction and records each outcome in its own short write.

export const MAX_MEDIA_ATTEMPTS = 6;
/** How long the whole queue waits after the disk said it is full before trying again. */
export const STORAGE_FULL_PAUSE_MS = 5 * 60_000;
const CLAIM_LEASE_MS = 10 * 60_000; // longer than one download may take
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_BATCH = 8;
const SWEEP_EVERY_MS = 3600_000;
let lastSweepAt = 0;

/** 30 s, 2 min, 8 min, 32 min, ~2 h, with ±20 % jitter so a CDN outage does not synchronise retries. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = 30_000 * 4 ** Math.max(0, attempt - 1);
  return Math.round(Math.min(base, 6 * 3600_000) * (0.8 + random() * 0.4));
}

export function enqueueClipMedia(clipId: string): void {
  const clip = getClipMediaSource(clipId);
  if (!clip || clip.state !== "succeeded") return;
  const localAssets = Boolean(localAssetRenderer(clip.providerId));
  const rows: PendingMedia[] = [];
  for (const kind of MEDIA_KINDS) {
    const sourceUrl = mediaSourceUrl(clip, kind, { localAssets });
    if (sourceUrl) rows.push({ clipId, kind: rowKindOf(kind), sourceUrl });
  }
  upsertPendingMedia(rows, new Date());
}

export function currentHostPolicy(): HostPolicy {
  return createHostPolicy({ extraHosts: env().MEDIA_ALLOWED_HOSTS, providerBaseUrls: listProviderBaseUrls() });
}

export interface ProcessMediaOptions {
  limit?: number;
  concurrency?: number;
  now?: () => Date;
  /** Timeouts, caps and resolver for the downloads (the defaults suit production). */
  download?: Partial<Omit<SafeDownloadOptions, "kind" | "policy" | "tempDir">>;
}

export interface ProcessMediaResult {
  archived: number;
  /** Rows given back unspent because the archive's disk is full (REL-10). */
  paused: number;
  /** Rows that used their last attempt or hit a refusal that retrying cannot fix. */
  failed: number;
  /** Rows that failed this time and wait for another attempt. */
  retrying: number;
}

type Outcome = keyof ProcessMediaResult;

// A full disk is the archive's problem, not the file's: every download would fail the
// same way, so the whole queue pauses and no row spends an attempt on it (REL-10).
// Kept on globalThis so /api/health, bundled apart from the poller, sees the same state.
export interface MediaQueuePause {
  until: Date;
  reason: string;
}
const pauseHolder = globalThis as typeof globalThis & { __songloftMediaPause?: MediaQueuePause };

/** The pause in force at `now`, or null while the queue runs. */
export function mediaQueuePause(now = new Date()): MediaQueuePause | null {
  const pause = pauseHolder.__songloftMediaPause;
  return pause && pause.until.getTime() > now.getTime() ? pause : null;
}

const STORAGE_FULL = new Set(["ENOSPC", "EDQUOT"]);

/** ENOSPC or EDQUOT anywhere in the error's cause chain (downloads wrap the file system's error), or null. */
export function storageFullCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && STORAGE_FULL.has(code)) return code;
  }
  return null;
}

function pauseQueue(at: Date, code: string): MediaQueuePause {
  const pause = { until: new Date(at.getTime() + STORAGE_FULL_PAUSE_MS), reason: `The media archive's disk is full (${code}).` };
  if (!mediaQueuePause(at)) logger.error("media archive paused: the disk is full", { code, until: pause.until.toISOString() });
  pauseHolder.__songloftMediaPause = pause;
  return pause;
}

async function fetchInto(row: MediaFile, policy: HostPolicy, download: ProcessMediaOptions["download"]) {
  const kind = mediaKindOf(row.kind);
  if (isDemoAssetUrl(row.sourceUrl)) {
    const providerId = getClipMediaSource(row.clipId)?.providerId;
    const asset = providerId ? (localAssetRenderer(providerId)?.(row.sourceUrl) ?? null) : null;
    const contentType = asset && acceptContentType(kind, asset.contentType);
    if (!asset || !contentType) throw new MediaFetchError("scheme", "Not a local asset this clip's provider renders");
    const path = relativeMediaPath(row.clipId, kind, extensionFor(contentType));
    await writeMediaBuffer(asset.body, path);
    return { path, contentType, size: asset.body.length, sha256: sha256Hex(asset.body) };
  }
  const file = await safeDownload(row.sourceUrl, { ...download, kind, policy, tempDir: mediaTempDir() });
  const path = relativeMediaPath(row.clipId, kind, extensionFor(file.contentType));
  await commitMediaFile(file.tempPath, path);
  return { path, contentType: file.contentType, size: file.size, sha256: file.sha256 };
}

async function archiveOne(row: MediaFile, policy: HostPolicy, options: ProcessMediaOptions): Promise<Outcome> {
  const now = options.now ?? (() => new Date());
  try {
    const stored = await fetchInto(row, policy, options.download);
    if (markMediaArchived(row, stored, now())) {
      metrics().archiveBytes.inc({ kind: row.kind }, stored.size);
      // The song's waveform is drawn from this file: the waveform worker decodes it later, off this path.
      if (row.kind === "audio") {
        queueWaveform(row.clipId, now());
        wakeWaveformWorker();
      }
      return "archived";
    }
    // The clip was purged or its source changed while we downloaded: keep nothing stale.
    const current = getMediaFile(row.clipId, row.kind);
    if (current?.status !== "archived" || current.path !== stored.path) await removeMediaFile(stored.path);
    return "retrying";
  } catch (err) {
    const full = storageFullCode(err);
    if (full) {
      const pause = pauseQueue(now(), full);
      releaseMediaClaim(row, { nextAttemptAt: pause.until, lastError: pause.reason });
      return "paused";
    }
    const permanent = err instanceof MediaFetchError && err.permanent;
    const giveUp = permanent || row.attempts >= MAX_MEDIA_ATTEMPTS;
    const message = err instanceof Error ? err.message : String(err);
    logger.warn("media download failed", { mediaId: row.id, clipId: row.clipId, kind: row.kind, attempt: row.attempts, giveUp, err: message });
    const at = now();
    markMediaAttemptFailed(row, { giveUp, nextAttemptAt: new Date(at.getTime() + retryDelayMs(row.attempts)), lastError: message.slice(0, 500) });
    return giveUp ? "failed" : "retrying";
  }
}

export async function processDueMedia(options: ProcessMediaOptions = {}): Promise<ProcessMediaResult> {
  const now = options.now ?? (() => new Date());
  const at = now();
  if (at.getTime() - lastSweepAt > SWEEP_EVERY_MS) {
    lastSweepAt = at.getTime();
    await removeStaleTempFiles(CLAIM_LEASE_MS);
  }
  const result: ProcessMediaResult = { archived: 0, paused: 0, failed: 0, retrying: 0 };
  if (mediaQueuePause(at)) return result;
  const claimed = claimDueMedia(at, options.limit ?? DEFAULT_BATCH, new Date(at.getTime() + CLAIM_LEASE_MS));
  if (claimed.length === 0) return result;
  const policy = currentHostPolicy();
  const queue = [...claimed];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      // Once the disk is full, the rest of the batch goes back untouched.
      const pause = mediaQueuePause(now());
      if (pause) {
        releaseMediaClaim(row, { nextAttemptAt: pause.until, lastError: pause.reason });
        result.paused++;
      } else result[await archiveOne(row, policy, options)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, worker));
  return result;
}

/**
 * Purge: forgets a clip's archive rows, then removes its files. Call it after the
 * clip's own deletion has committed (it touches the disk); a download still in
 * flight finds its row gone and drops its file.
 */
export function deleteClipMedia(clipId: string): void {
  deleteMediaRowsForClip(clipId);
  removeClipMediaDir(clipId);
}
