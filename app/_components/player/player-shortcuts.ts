"use client";

import { useEffect } from "react";
import type { PlayerStore } from "./player-types";

// K plays and pauses on every studio page, as on YouTube. Space is left alone: it
// scrolls the page everywhere but the clip page, which already uses it (clip-player).
// Hardware media keys need nothing here: they arrive through the media session.

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function usePlayerShortcuts(store: PlayerStore) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "k" || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || isTextField(e.target)) return;
      if (!store.current()) return;
      e.preventDefault();
      store.toggle();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
}
