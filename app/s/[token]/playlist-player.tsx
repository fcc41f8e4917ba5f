"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from "@/app/_components/player/icons";
import { formatClock } from "@/app/_components/player/time";

type Track = { n: number; title: string; style: string | null; duration: number | null; hasCover: boolean; hasAudio: boolean };

/**
 * The public player of a shared playlist: its own <audio>, the tracks in order, next
 * and previous, and the next track starting when one ends. Media comes by the share's
 * token and the track's number only.
 */
export function PlaylistPlayer({ token, tracks, compact = false }: { token: string; tracks: Track[]; compact?: boolean }) {
  const t = useTranslations("clip.share");
  const audio = useRef<HTMLAudioElement>(null);
  const playable = tracks.filter((tr) => tr.hasAudio);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const current = playable[index];

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    const onTime = () => setTime(el.currentTime);
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    const onEnded = () => {
      setTime(0);
      setIndex((i) => (i + 1 < playable.length ? i + 1 : i));
    };
    el.addEventListener("timeupdate", onTime);
    el.addEventListener("play", onPlay);
    el.addEventListener("pause", onPause);
    el.addEventListener("ended", onEnded);
    return () => {
      el.removeEventListener("timeupdate", onTime);
      el.removeEventListener("play", onPlay);
      el.removeEventListener("pause", onPause);
      el.removeEventListener("ended", onEnded);
    };
  }, [playable.length]);

  // A new track plays as soon as it is chosen, unless nothing was playing yet.
  const started = useRef(false);
  useEffect(() => {
    const el = audio.current;
    if (!el || !started.current) return;
    void el.play().catch(() => setPlaying(false));
  }, [index]);

  if (!current) return <p className="text-sm muted">{t("emptyPlaylist")}</p>;
  const go = (i: number) => {
    started.current = true;
    if (i === index) {
      audio.current?.play().catch(() => setPlaying(false));
      return;
    }
    setTime(0);
    setIndex(i);
  };
  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    started.current = true;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };
  const button = "rounded-full p-2 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800";

  return (
    <div className="space-y-3">
      <audio ref={audio} src={`/s/${token}/tracks/${current.n}/audio`} preload="metadata" data-testid="share-audio" />
      <div className="flex items-center gap-2">
        {current.hasCover ? <img src={`/s/${token}/tracks/${current.n}/cover`} alt="" width={48} height={48} className="h-12 w-12 shrink-0 rounded-md object-cover" /> : null}
        <div className="min-w-0 flex-1">
          <p className="text-xs muted">{t("nowPlaying")}</p>
          <p className="truncate font-medium" data-testid="share-current-title">
            {current.title}
          </p>
        </div>
        <span className="text-xs tabular-nums muted" data-testid="share-time">
          {formatClock(time)} / {formatClock(current.duration)}
        </span>
      </div>
      <div className="flex items-center justify-center gap-2">
        <button type="button" className={button} onClick={() => go(Math.max(0, index - 1))} disabled={index === 0} aria-label={t("previous")} data-testid="share-previous">
          <PreviousIcon className="h-4 w-4" />
        </button>
        <button type="button" onClick={toggle} className="btn-primary h-11 w-11 rounded-full p-0" aria-label={playing ? t("pause") : t("play")} data-testid="share-play">
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button type="button" className={button} onClick={() => go(index + 1)} disabled={index >= playable.length - 1} aria-label={t("next")} data-testid="share-next">
          <NextIcon className="h-4 w-4" />
        </button>
      </div>
      <ol className={`divide-y divide-zinc-200 text-sm dark:divide-zinc-800 ${compact ? "max-h-48 overflow-y-auto" : ""}`} data-testid="share-tracks">
        {playable.map((tr, i) => (
          <li key={tr.n}>
            <button
              type="button"
              onClick={() => go(i)}
              aria-current={i === index ? "true" : undefined}
              aria-label={t("playTrack", { title: tr.title })}
              className={`flex w-full items-center gap-3 px-2 py-2 text-left hover:bg-zinc-50 dark:hover:bg-zinc-800/40 ${i === index ? "font-semibold text-accent-600 dark:text-accent-100" : ""}`}
            >
              <span className="w-6 text-right tabular-nums muted">{i + 1}</span>
              <span className="min-w-0 flex-1 truncate">{tr.title}</span>
              {compact || !tr.style ? null : <span className="hidden max-w-48 truncate text-xs muted sm:block">{tr.style}</span>}
              <span className="text-xs tabular-nums muted">{formatClock(tr.duration)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
