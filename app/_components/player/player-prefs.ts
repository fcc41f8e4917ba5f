"use client";

import { useEffect } from "react";
import { REPEATS, type PlayerPrefs, type PlayerStore } from "./player-types";

// Volume, mute, shuffle and repeat survive reloads in localStorage: they are this
// browser's choices (a phone and a desktop want different volumes), not the account's.

const KEY = "songloft.player";

/** The remembered choices that are still valid; anything else (hand-edited, older shape) is dropped. */
export function parsePrefs(raw: string | null): Partial<PlayerPrefs> {
  let value: unknown;
  try {
    value = raw ? JSON.parse(raw) : null;
  } catch {
    return {};
  }
  if (!value || typeof value !== "object") return {};
  const v = value as Record<string, unknown>;
  const prefs: Partial<PlayerPrefs> = {};
  if (typeof v.volume === "number" && v.volume >= 0 && v.volume <= 1) prefs.volume = v.volume;
  if (typeof v.muted === "boolean") prefs.muted = v.muted;
  if (typeof v.shuffle === "boolean") prefs.shuffle = v.shuffle;
  if (REPEATS.includes(v.repeat as PlayerPrefs["repeat"])) prefs.repeat = v.repeat as PlayerPrefs["repeat"];
  return prefs;
}

// Private browsing and disabled storage throw on access; the player then just forgets.
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Restores the choices once in the browser, then writes them whenever one changes. */
export function usePersistedPrefs(store: PlayerStore) {
  useEffect(() => {
    const local = storage();
    store.restore(parsePrefs(local?.getItem(KEY) ?? null));
    let saved = "";
    const save = () => {
      const { volume, muted, shuffle, repeat } = store.getState();
      const next = JSON.stringify({ volume, muted, shuffle, repeat });
      if (next === saved) return;
      saved = next;
      try {
        local?.setItem(KEY, next);
      } catch {
        // Full or refused storage: the choice still holds for this visit.
      }
    };
    save();
    return store.subscribe(save);
  }, [store]);
}
