import { AppError } from "@/lib/errors";
import { getClipRowForViewer, type ClipViewer } from "@/lib/server/data/clip-access";
import { getTaskRow } from "@/lib/server/data/tasks";
import { storeTimedLyrics } from "@/lib/server/data/timed-lyrics";
import type { ClipRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { getProvider, redactProviderKey } from "@/lib/server/providers/registry";
import { VendorError, type TimedLine, type VendorSource } from "@/lib/server/providers/types";
import { describeSubmitError } from "./task-errors";

// Timed lyrics (karaoke): asked of the vendor once per clip, stored on the clip, then
// always served from the database. The vendor call runs in the background, never
// inside a transaction; a request that started it waits a moment, so a quick vendor
// (the demo) is answered at once, and a slow one gets 202 until the lines are stored.
// A failure is answered once, to the requests that were waiting for it or the next
// one; the request after that asks the vendor again.

export type TimedLyricsAnswer = { status: "ready"; lines: TimedLine[] } | { status: "pending"; retryAfter: number };

/** How long a request waits for the vendor before answering "pending". */
const FIRST_WAIT_MS = 1500;
/** Seconds a client waits before asking again while the fetch runs. */
export const TIMED_LYRICS_RETRY_AFTER = 2;

// Per process: one vendor call per clip at a time, and the failure it ended with.
const inFlight = new Map<string, Promise<TimedLine[]>>();
const failures = new Map<string, AppError>();

const notFound = () => new AppError("not_found", "This clip does not exist or you cannot see it.", { key: "common.errors.clipNotFound" });

export async function getTimedLyrics(viewer: ClipViewer, clipId: string): Promise<TimedLyricsAnswer> {
  const clip = getClipRowForViewer(clipId, viewer);
  if (!clip) throw notFound();
  if (clip.timedLyrics) return { status: "ready", lines: clip.timedLyrics };

  const failure = failures.get(clip.id);
  if (failure && !inFlight.has(clip.id)) {
    failures.delete(clip.id);
    throw failure;
  }
  const running = inFlight.get(clip.id) ?? startFetch(clip);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), FIRST_WAIT_MS);
  });
  try {
    const lines = await Promise.race([running, waited]);
    return lines ? { status: "ready", lines } : { status: "pending", retryAfter: TIMED_LYRICS_RETRY_AFTER };
  } catch (err) {
    // This request hears of the failure; the next one starts over.
    failures.delete(clip.id);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Checks that the vendor can be asked, then asks it in the background. */
function startFetch(clip: ClipRow): Promise<TimedLine[]> {
  if (clip.state !== "succeeded") throw new AppError("conflict", "The song is not finished yet; timed lyrics come once it is.");
  const provider = getProvider(clip.providerId);
  if (!provider) throw new AppError("conflict", "This clip's provider is no longer configured, so it cannot give timed lyrics.");
  const fetchTimedLyrics = provider.adapter.fetchTimedLyrics?.bind(provider.adapter);
  // Off unless the provider offers it now (sunohub's and the new-api family's are unconfirmed: an admin's switch).
  if (!fetchTimedLyrics || !provider.capabilities.includes("timedLyrics")) throw new AppError("conflict", `The provider ${provider.name} cannot give timed lyrics.`);

  const source: VendorSource = {
    vendorClipId: clip.vendorClipId,
    vendorTaskId: getTaskRow(clip.taskId)?.vendorTaskId ?? undefined,
    audioUrl: clip.audioUrl,
    duration: clip.duration,
    title: clip.title,
    lyrics: clip.lyrics,
  };
  // An instrumental has nothing to time: no vendor call for it.
  const asked = clip.lyrics?.trim() ? fetchTimedLyrics(source) : Promise.resolve([]);
  const running = asked.then(
    (lines) => {
      const stored = lines ?? [];
      storeTimedLyrics(clip.id, stored);
      return stored;
    },
    (err: unknown) => {
      throw fetchFailure(err, clip);
    },
  );
  inFlight.set(clip.id, running);
  running.then(
    () => inFlight.delete(clip.id),
    (err: AppError) => {
      inFlight.delete(clip.id);
      failures.set(clip.id, err);
    },
  );
  return running;
}

function fetchFailure(err: unknown, clip: ClipRow): AppError {
  if (!(err instanceof VendorError)) {
    logger.error("fetching timed lyrics failed", { clipId: clip.id, providerId: clip.providerId, err });
    return new AppError("internal", "Something went wrong on the server while fetching the timed lyrics.");
  }
  const failure = describeSubmitError(err);
  // The submit wording for these two warns about a task the vendor may have made; a read makes none.
  const reason = err.code === "timeout" || err.code === "bad_response" ? `The vendor's answer could not be used: ${err.vendorMessage}` : failure.message;
  const message = redactProviderKey(clip.providerId, `Could not get the timed lyrics. ${reason}`);
  logger.warn("the vendor did not give timed lyrics", { clipId: clip.id, providerId: clip.providerId, code: err.code });
  return new AppError("vendor_error", message, {
    details: { code: failure.code, vendorMessage: failure.vendorMessage && redactProviderKey(clip.providerId, failure.vendorMessage) },
    retryAfter: err.retryAfter,
  });
}
