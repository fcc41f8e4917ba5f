"use client";

import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { usePlayerState } from "./player-provider";
import { lineIndexAt, useTimedLyrics } from "./timed-lyrics-store";

/** The mini-player's second line: the lyric being sung when the song has timed lyrics, else `fallback`. */
export function CurrentLine({ clipId, fallback }: { clipId: string; fallback: ReactNode }) {
  const t = useTranslations("player");
  const state = useTimedLyrics(clipId);
  const lines = state?.status === "ready" ? state.lines : null;
  const index = usePlayerState((s) => (lines ? lineIndexAt(lines, s.currentTime) : -1));
  if (!lines || index < 0) return fallback;
  return (
    <span className="block truncate text-xs font-medium text-accent-600 dark:text-accent-100" data-testid="mini-player-line">
      <span className="sr-only">{t("currentLine")}: </span>
      {lines[index].text}
    </span>
  );
}
