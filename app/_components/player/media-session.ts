"use client";

import { useEffect } from "react";
import { useTranslations } from "use-intl";
import type { PlayerState, PlayerStore, Track } from "./player-types";

// The Media Session API: the lock screen, the notification shade and the keyboard's media
// keys show the song and drive the store. Browsers without it (or with some actions
// missing) simply get none of this.

const SKIP_SECONDS = 10;
// The browser moves the position on by itself while playing; it is told again only
// when the song, its length or the play state changes, or the position jumps (a seek).
const DRIFT_SECONDS = 1;

function absolute(url: string) {
  return new URL(url, window.location.href).href;
}

function metadataFor(track: Track, untitled: string): MediaMetadata {
  return new MediaMetadata({
    title: track.title || untitled,
    artist: track.artist,
    album: "Songloft",
    // Covers are square, 512 px for the demo and most providers' large image.
    artwork: track.coverUrl ? [{ src: absolute(track.coverUrl), sizes: "512x512" }] : [],
  });
}

function handlers(store: PlayerStore): Array<[MediaSessionAction, MediaSessionActionHandler]> {
  const by = (delta: number) => store.seek(Math.max(0, store.getState().currentTime + delta));
  return [
    ["play", () => !store.getState().playing && store.toggle()],
    ["pause", () => store.pause()],
    ["previoustrack", () => store.previous()],
    ["nexttrack", () => store.next()],
    ["seekbackward", (d) => by(-(d.seekOffset ?? SKIP_SECONDS))],
    ["seekforward", (d) => by(d.seekOffset ?? SKIP_SECONDS)],
    ["seekto", (d) => d.seekTime !== undefined && Number.isFinite(d.seekTime) && store.seek(d.seekTime)],
    // Stop keeps the queue: the song goes back to its start, paused.
    [
      "stop",
      () => {
        store.pause();
        store.seek(0);
      },
    ],
  ];
}

function setAction(session: MediaSession, action: MediaSessionAction, handler: MediaSessionActionHandler | null) {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // This browser does not know the action.
  }
}

/** Keeps the browser's media session in step with the store while the studio is open. */
export function useMediaSession(store: PlayerStore) {
  const untitled = useTranslations("player")("untitled");
  useEffect(() => {
    if (typeof navigator === "undefined" || !("mediaSession" in navigator) || typeof MediaMetadata === "undefined") return;
    const session = navigator.mediaSession;
    const actions = handlers(store);
    for (const [action, handler] of actions) setAction(session, action, handler);

    let shown: Track | null = null;
    let told = { at: 0, position: -1, duration: 0, playing: false };
    const sync = () => {
      const s: PlayerState = store.getState();
      const track = s.queue[s.index] ?? null;
      if (track !== shown) {
        shown = track;
        session.metadata = track ? metadataFor(track, untitled) : null;
        if (!track) clearPosition();
      }
      session.playbackState = !track ? "none" : s.playing ? "playing" : "paused";
      tellPosition(s, track);
    };
    const tellPosition = (s: PlayerState, track: Track | null) => {
      if (!session.setPositionState) return;
      const now = performance.now();
      const expected = told.position + (told.playing ? (now - told.at) / 1000 : 0);
      const valid = track && Number.isFinite(s.duration) && s.duration > 0 && Number.isFinite(s.currentTime);
      if (!valid) return;
      const moved = Math.abs(s.currentTime - expected) > DRIFT_SECONDS;
      if (!moved && s.duration === told.duration && s.playing === told.playing) return;
      const position = Math.max(0, Math.min(s.currentTime, s.duration));
      try {
        session.setPositionState({ duration: s.duration, playbackRate: 1, position });
        told = { at: now, position, duration: s.duration, playing: s.playing };
      } catch {
        // A position the browser refuses (a length still changing); the next update retries.
      }
    };
    const clearPosition = () => {
      told = { at: 0, position: -1, duration: 0, playing: false };
      try {
        session.setPositionState?.();
      } catch {
        // Nothing to clear.
      }
    };
    sync();
    const off = store.subscribe(sync);
    return () => {
      off();
      for (const [action] of actions) setAction(session, action, null);
      session.metadata = null;
      session.playbackState = "none";
    };
  }, [store, untitled]);
}
