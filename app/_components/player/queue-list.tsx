"use client";

import { useRef } from "react";
import { useTranslations } from "use-intl";
import { CloseIcon } from "./icons";
import { usePlayer, usePlayerState } from "./player-provider";
import { formatClock } from "./time";

/** The queue in list order: the song playing marked (aria-current), each one a button that jumps to it, and a remove button. */
export function QueueList() {
  const t = useTranslations("player");
  const store = usePlayer();
  const queue = usePlayerState((s) => s.queue);
  const index = usePlayerState((s) => s.index);
  const list = useRef<HTMLOListElement>(null);
  // The removed row's button had focus; it goes to the row that took its place (or the last).
  const remove = (i: number) => {
    store.removeAt(i);
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLElement>("[data-testid='player-queue-remove']");
      if (buttons?.length) buttons[Math.min(i, buttons.length - 1)].focus();
    });
  };
  return (
    <ol ref={list} className="min-h-0 flex-1 overflow-y-auto overscroll-contain py-1" data-testid="player-queue-list">
      {queue.map((track, i) => {
        const current = i === index;
        const title = track.title || t("untitled");
        return (
          // Position and id: a song queued twice is two rows.
          <li key={`${i}-${track.id}`} className={`group flex items-center gap-1 pr-1 ${current ? "bg-accent-50/70 dark:bg-accent-600/10" : ""}`} data-testid="player-queue-item">
            <button
              type="button"
              onClick={() => store.playAt(i)}
              aria-current={current ? "true" : undefined}
              className="flex min-w-0 flex-1 items-center gap-3 px-3 py-1.5 text-left hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-500 dark:hover:bg-zinc-800/60"
            >
              <span className={`w-5 shrink-0 text-right text-xs tabular-nums ${current ? "font-semibold text-accent-600 dark:text-accent-100" : "muted"}`}>{i + 1}</span>
              <span className="min-w-0 flex-1">
                <span className={`block truncate text-sm ${current ? "font-semibold text-accent-700 dark:text-accent-100" : ""}`}>{title}</span>
                <span className="block truncate text-xs muted">{current ? t("queue.nowPlaying") : track.artist}</span>
              </span>
              <span className="shrink-0 text-xs tabular-nums muted">{formatClock(track.duration)}</span>
            </button>
            <button
              type="button"
              onClick={() => remove(i)}
              aria-label={t("queue.remove", { title })}
              data-testid="player-queue-remove"
              className="shrink-0 rounded-full p-1.5 muted hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <CloseIcon className="h-3.5 w-3.5" />
            </button>
          </li>
        );
      })}
    </ol>
  );
}
