"use client";

import { useEffect } from "react";
import { useTranslations } from "use-intl";
import { PauseIcon, PlayIcon, SpinnerIcon } from "./icons";
import { usePlayer, usePlayerState } from "./player-provider";
import type { Track } from "./player-store";
import { SeekBar } from "./seek-bar";

/** Space toggles playback unless the person is typing or a control has focus (it would act twice). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A"].includes(target.tagName);
}

/**
 * The clip page's player. It drives the studio's one audio engine, so the song keeps
 * playing in the mini-player after leaving the page, and never plays twice.
 */
export function ClipPlayer({ track, queue }: { track: Track; queue: Track[] }) {
  const t = useTranslations("player");
  const store = usePlayer();
  const active = usePlayerState((s) => s.queue[s.index]?.id === track.id);
  const playing = usePlayerState((s) => s.playing);
  const loading = usePlayerState((s) => s.loading);
  const failed = usePlayerState((s) => s.failed);
  const index = Math.max(
    0,
    queue.findIndex((q) => q.id === track.id),
  );
  const isPlaying = active && playing;

  const toggle = () => (active ? store.toggle() : store.playList(queue, index));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== " " || e.repeat || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      if (store.current()?.id === track.id) store.toggle();
      else store.playList(queue, index);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, track.id, queue, index]);

  return (
    <div className="flex items-center gap-4" data-testid="clip-player">
      <button
        type="button"
        onClick={toggle}
        aria-label={isPlaying ? t("pause") : t("play")}
        aria-keyshortcuts="Space"
        data-testid="clip-play"
        className="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-accent-600 text-white shadow-lg shadow-accent-600/25 transition hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
      >
        {isPlaying && loading ? <SpinnerIcon className="h-6 w-6" /> : isPlaying ? <PauseIcon className="h-6 w-6" /> : <PlayIcon className="h-6 w-6" />}
      </button>
      <div className="min-w-0 flex-1">
        <SeekBar active={active} duration={track.duration} waveform={track.waveform} onSeekInactive={(to) => store.playList(queue, index, to)} />
        {active && failed ? <p className="mt-1 text-xs text-red-600 dark:text-red-400">{t("failed")}</p> : <p className="mt-1 hidden text-xs muted sm:block">{t("spaceHint")}</p>}
      </div>
    </div>
  );
}
