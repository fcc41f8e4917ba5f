"use client";

import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { usePersistedPrefs } from "./player-prefs";
import { usePlayerShortcuts } from "./player-shortcuts";
import { createPlayerStore, type PlayerState, type PlayerStore } from "./player-store";

const PlayerContext = createContext<PlayerStore | null>(null);

/**
 * Owns the single <audio> element of the studio. Mounted in the studio layout, which
 * survives client navigation, so a song keeps playing from page to page and the clip
 * page's player never starts a second copy.
 */
export function PlayerProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createPlayerStore);
  const audioRef = useRef<HTMLAudioElement>(null);
  useEffect(() => store.attach(audioRef.current!), [store]);
  usePersistedPrefs(store);
  usePlayerShortcuts(store);
  return (
    <PlayerContext.Provider value={store}>
      {children}
      {/* preload="none": nothing is fetched until someone presses play (PERF-5). */}
      <audio ref={audioRef} preload="none" className="hidden" data-testid="player-audio" />
    </PlayerContext.Provider>
  );
}

export function usePlayer(): PlayerStore {
  const store = useContext(PlayerContext);
  if (!store) throw new Error("usePlayer must be used inside <PlayerProvider>");
  return store;
}

/** Subscribes to one slice of the player state; re-renders only when that slice changes. */
export function usePlayerState<T>(select: (s: PlayerState) => T): T {
  const store = usePlayer();
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}
