"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { PauseIcon, PlayIcon } from "@/app/_components/player/icons";
import { formatClock } from "@/app/_components/player/time";

type Line = { text: string; start: number; end: number };

/**
 * The public player of a shared song: its own <audio> (no studio player here), a seek
 * slider, and, with timed lyrics, the current line marked as it plays (a click plays
 * from that line).
 */
export function SharePlayer({ audioSrc, duration, lines, compact = false }: { audioSrc: string; duration: number | null; lines: Line[] | null; compact?: boolean }) {
  const t = useTranslations("clip.share");
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [length, setLength] = useState(duration ?? 0);

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    const onTime = () => setTime(el.currentTime);
    const onMeta = () => Number.isFinite(el.duration) && setLength(el.duration);
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    el.addEventListener("timeupdate", onTime);
    el.addEventListener("loadedmetadata", onMeta);
    el.addEventListener("play", onPlay);
    el.addEventListener("pause", onPause);
    el.addEventListener("ended", onPause);
    return () => {
      el.removeEventListener("timeupdate", onTime);
      el.removeEventListener("loadedmetadata", onMeta);
      el.removeEventListener("play", onPlay);
      el.removeEventListener("pause", onPause);
      el.removeEventListener("ended", onPause);
    };
  }, []);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };
  const seek = (seconds: number) => {
    const el = audio.current;
    if (!el) return;
    el.currentTime = seconds;
    setTime(seconds);
    if (el.paused) void el.play().catch(() => setPlaying(false));
  };
  const current = lines ? lines.findIndex((l) => time >= l.start && time < l.end) : -1;

  return (
    <div className="space-y-4">
      <audio ref={audio} src={audioSrc} preload="metadata" data-testid="share-audio" />
      <div className="flex items-center gap-3">
        <button type="button" onClick={toggle} className="btn-primary h-11 w-11 rounded-full p-0" aria-label={playing ? t("pause") : t("play")} data-testid="share-play">
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <input
          type="range"
          min={0}
          max={Math.max(1, Math.round(length))}
          step={1}
          value={Math.min(Math.round(time), Math.max(1, Math.round(length)))}
          onChange={(e) => seek(Number(e.currentTarget.value))}
          aria-label={t("seek")}
          aria-valuetext={`${formatClock(time)} / ${formatClock(length)}`}
          className="min-w-0 flex-1 accent-accent-600"
        />
        <span className="w-24 shrink-0 text-right text-xs tabular-nums muted" data-testid="share-time">
          {formatClock(time)} / {formatClock(length)}
        </span>
      </div>
      {lines && lines.length > 0 && !compact ? (
        <ol className="space-y-1 text-sm" aria-label={t("lyrics")} data-testid="share-timed-lyrics">
          {lines.map((line, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => seek(line.start)}
                aria-current={i === current ? "true" : undefined}
                className={`text-left ${i === current ? "font-semibold text-accent-600 dark:text-accent-100" : "muted"}`}
              >
                {line.text}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
