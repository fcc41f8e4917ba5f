"use client";

import { useEffect, useSyncExternalStore } from "react";
import type { TimedLineDto } from "@/lib/dto";

// The timed lyrics of the clips this browser tab has asked about, shared by the clip
// page and the mini-player so one clip is fetched once, however many views show it.
// While the server answers 202 (its first fetch from the vendor runs) this polls after
// the Retry-After it gives.

export type TimedLyricsState =
  | { status: "loading" }
  | { status: "ready"; lines: TimedLineDto[] }
  /** The song is not finished, or its provider cannot time lyrics: show the plain text. */
  | { status: "unavailable" }
  | { status: "failed"; message: string | null };

const MAX_POLLS = 60;
const states = new Map<string, TimedLyricsState>();
const listeners = new Set<() => void>();

function set(clipId: string, state: TimedLyricsState) {
  states.set(clipId, state);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function load(clipId: string) {
  set(clipId, { status: "loading" });
  try {
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      const res = await fetch(`/api/v1/clips/${encodeURIComponent(clipId)}/timed-lyrics`, { cache: "no-store", headers: { accept: "application/json" } });
      if (res.status === 202) {
        const seconds = Number(res.headers.get("retry-after"));
        await sleep((Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) : 2) * 1000);
        continue;
      }
      if (res.ok) return set(clipId, { status: "ready", lines: ((await res.json()) as { lines: TimedLineDto[] }).lines });
      if (res.status === 404 || res.status === 409) return set(clipId, { status: "unavailable" });
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return set(clipId, { status: "failed", message: body?.error?.message ?? null });
    }
    set(clipId, { status: "failed", message: null });
  } catch {
    set(clipId, { status: "failed", message: null });
  }
}

/** Asks the server again after a failure. */
export function retryTimedLyrics(clipId: string) {
  if (states.get(clipId)?.status === "loading") return;
  void load(clipId);
}

/** The clip's timed lyrics, fetched on first use; null before the first render in the browser or without a clip. */
export function useTimedLyrics(clipId: string | null): TimedLyricsState | null {
  const state = useSyncExternalStore(
    subscribe,
    () => (clipId ? (states.get(clipId) ?? null) : null),
    () => null,
  );
  // A clip that was not finished, or failed, when last asked is asked again when a view of it appears.
  useEffect(() => {
    const known = clipId ? states.get(clipId) : undefined;
    if (clipId && (!known || known.status === "unavailable" || known.status === "failed")) void load(clipId);
  }, [clipId]);
  return state;
}

/**
 * The line sung at `time`: the last one that has started, until the song passes the end
 * of the last line; -1 before the first and after the last.
 */
export function lineIndexAt(lines: readonly TimedLineDto[], time: number): number {
  let index = -1;
  for (let i = 0; i < lines.length && lines[i].start <= time; i++) index = i;
  if (index === lines.length - 1 && index >= 0 && time > lines[index].end) return -1;
  return index;
}
