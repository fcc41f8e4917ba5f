"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import { AddToPlaylist } from "@/app/(studio)/_playlist/add-to-playlist";
import { CurrentLine } from "./current-line";
import { useMediaSession } from "./media-session";
import { CloseIcon, MusicIcon, NextIcon, PauseIcon, PlayIcon, PreviousIcon, SpinnerIcon } from "./icons";
import { PlayModeButtons } from "./play-mode-buttons";
import { usePlayer, usePlayerState } from "./player-provider";
import { canGoNext } from "./player-store";
import { QueuePanel } from "./queue-panel";
import { SeekBar } from "./seek-bar";
import { VolumeControl } from "./volume-control";

/** The bar pinned to the bottom of every studio page while something is loaded. */
export function MiniPlayer() {
  const t = useTranslations("player");
  const tp = useTranslations("playlists.add");
  const store = usePlayer();
  const index = usePlayerState((s) => s.index);
  const queue = usePlayerState((s) => s.queue);
  const playing = usePlayerState((s) => s.playing);
  const loading = usePlayerState((s) => s.loading);
  const failed = usePlayerState((s) => s.failed);
  const nextable = usePlayerState(canGoNext);
  // Here rather than in the provider: it loads with the bar, and leaves the lock screen when the bar closes.
  useMediaSession(store);
  const track = queue[index];
  if (!track) return null;
  return (
    <section
      aria-label={t("label")}
      data-testid="mini-player"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-200 bg-white/95 shadow-[0_-4px_16px_rgba(0,0,0,0.06)] backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95"
    >
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 py-2 sm:gap-3 sm:px-4">
        <Link href={track.href} className="flex min-w-0 flex-1 items-center gap-3 sm:flex-none sm:basis-64">
          {track.coverUrl ? (
            <img src={track.coverUrl} alt="" width={44} height={44} className="h-11 w-11 shrink-0 rounded-md object-cover" />
          ) : (
            <span className="flex h-11 w-11 shrink-0 items-center justify-center rounded-md bg-accent-100 text-accent-600 dark:bg-accent-600/20">
              <MusicIcon />
            </span>
          )}
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium" data-testid="mini-player-title">
              {track.title || t("untitled")}
            </span>
            {failed ? (
              <span className="block truncate text-xs muted">{t("failed")}</span>
            ) : (
              <CurrentLine clipId={track.id} fallback={<span className="block truncate text-xs muted">{track.artist}</span>} />
            )}
          </span>
        </Link>
        <div className="flex items-center gap-1">
          <button
            type="button"
            className="rounded-full p-2 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
            onClick={store.previous}
            aria-label={t("previous")}
            data-testid="mini-player-previous"
          >
            <PreviousIcon className="h-4 w-4" />
          </button>
          <button
            type="button"
            onClick={store.toggle}
            aria-label={playing ? t("pause") : t("play")}
            aria-keyshortcuts="K"
            data-testid="mini-player-toggle"
            className="flex h-10 w-10 items-center justify-center rounded-full bg-accent-600 text-white shadow hover:bg-accent-700"
          >
            {loading && playing ? <SpinnerIcon /> : playing ? <PauseIcon /> : <PlayIcon />}
          </button>
          <button
            type="button"
            className="rounded-full p-2 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
            onClick={store.next}
            disabled={!nextable}
            aria-label={t("next")}
            data-testid="mini-player-next"
          >
            <NextIcon className="h-4 w-4" />
          </button>
        </div>
        <SeekBar active duration={track.duration} waveform={track.waveform} className="hidden flex-1 sm:flex" />
        {/* Phones get shuffle and repeat in the queue panel, and volume from the hardware buttons. */}
        <PlayModeButtons className="hidden sm:flex" />
        <VolumeControl className="hidden lg:flex" />
        <QueuePanel />
        <AddToPlaylist
          clipId={track.id}
          label={tp("label", { title: track.title || t("untitled") })}
          placement="up"
          className="btn-secondary hidden px-2.5 py-1.5 text-xs md:inline-flex"
        >
          {tp("button")}
        </AddToPlaylist>
        <button type="button" onClick={store.close} aria-label={t("close")} className="rounded-full p-2 muted hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <CloseIcon className="h-4 w-4" />
        </button>
      </div>
    </section>
  );
}
