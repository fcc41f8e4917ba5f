"use client";

import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { usePlayer, usePlayerState } from "@/app/_components/player/player-provider";
import type { Track } from "@/app/_components/player/player-store";
import { lineIndexAt, retryTimedLyrics, useTimedLyrics } from "@/app/_components/player/timed-lyrics-store";
import type { TimedLineDto } from "@/lib/dto";
import { groupTimedLines } from "./timed-sections";

// After someone scrolls the lines themselves, following playback waits this long.
const USER_SCROLL_PAUSE_MS = 4000;

/**
 * The lyrics card: karaoke lines when the clip has timed lyrics (the current one
 * follows playback; a click plays from that line), the plain text otherwise or on
 * request, with the same section headings. `children` is the plain text, rendered on the server.
 */
export function TimedLyricsPanel({ clipId, lyrics, track, queue, children }: { clipId: string; lyrics: string | null; track: Track | null; queue: Track[]; children: ReactNode }) {
  const t = useTranslations("clip.karaoke");
  const lt = useTranslations("clip");
  const state = useTimedLyrics(track ? clipId : null);
  const [showText, setShowText] = useState(false);
  const lines = state?.status === "ready" ? state.lines : [];
  const synced = lines.length > 0 && !showText;

  return (
    <section className="card p-5" data-testid="lyrics-panel">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">{lt("lyrics")}</h2>
        {lines.length > 0 ? (
          <button
            type="button"
            className="text-xs font-medium text-accent-600 hover:underline dark:text-accent-100"
            onClick={() => setShowText(!showText)}
            data-testid="lyrics-mode"
          >
            {showText ? t("showSynced") : t("showText")}
          </button>
        ) : null}
      </div>
      {state?.status === "loading" ? (
        <p className="mb-3 text-xs muted" role="status" data-testid="timed-lyrics-loading">
          {t("loading")}
        </p>
      ) : null}
      {state?.status === "failed" ? (
        <p className="mb-3 text-xs text-red-600 dark:text-red-400" role="alert" data-testid="timed-lyrics-failed">
          {t("failed")} {state.message ? <span className="muted">{state.message}</span> : null}{" "}
          <button type="button" className="font-medium underline" onClick={() => retryTimedLyrics(clipId)}>
            {t("retry")}
          </button>
        </p>
      ) : null}
      {synced && track ? <SyncedLines lyrics={lyrics} lines={lines} track={track} queue={queue} /> : children}
    </section>
  );
}

function SyncedLines({ lyrics, lines, track, queue }: { lyrics: string | null; lines: TimedLineDto[]; track: Track; queue: Track[] }) {
  const t = useTranslations("clip.karaoke");
  const store = usePlayer();
  const sections = useMemo(() => groupTimedLines(lyrics, lines), [lyrics, lines]);
  const current = usePlayerState((s) => (s.queue[s.index]?.id === track.id ? lineIndexAt(lines, s.currentTime) : -1));
  const box = useRef<HTMLDivElement>(null);
  const userScrolledAt = useRef(0);

  // Scroll the list itself, never the page: scrollIntoView would move the window too.
  useEffect(() => {
    const list = box.current;
    const line = current >= 0 ? list?.querySelector<HTMLElement>(`[data-index="${current}"]`) : null;
    if (!list || !line || Date.now() - userScrolledAt.current < USER_SCROLL_PAUSE_MS) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const top = line.offsetTop - list.clientHeight / 2 + line.clientHeight / 2;
    list.scrollTo({ top: Math.max(0, top), behavior: reduce ? "auto" : "smooth" });
  }, [current]);

  const seekTo = (seconds: number) => {
    if (store.current()?.id === track.id) {
      store.seek(seconds);
      if (!store.getState().playing) store.toggle();
    } else {
      store.playList(
        queue,
        Math.max(
          0,
          queue.findIndex((q) => q.id === track.id),
        ),
        seconds,
      );
    }
  };
  const markUserScroll = () => (userScrolledAt.current = Date.now());

  return (
    <div
      ref={box}
      role="group"
      aria-label={t("label")}
      className="relative max-h-96 space-y-4 overflow-y-auto overscroll-contain pr-1"
      onWheel={markUserScroll}
      onTouchMove={markUserScroll}
      data-testid="timed-lyrics"
    >
      {sections.map((section, i) => (
        <section key={i}>
          {section.heading ? <h3 className="mb-1 px-2 text-xs font-semibold uppercase tracking-wider text-accent-600 dark:text-accent-100">{section.heading}</h3> : null}
          <ol className="space-y-0.5">
            {section.lines.map((line) => (
              <li key={line.index}>
                <button
                  type="button"
                  onClick={() => seekTo(line.start)}
                  aria-current={line.index === current ? "true" : undefined}
                  title={t("playFrom")}
                  data-testid="timed-line"
                  data-index={line.index}
                  data-start={line.start}
                  className={`w-full rounded-lg px-2 py-1 text-left leading-7 transition-colors motion-reduce:transition-none hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent-500 dark:hover:bg-zinc-800 ${
                    line.index === current
                      ? "bg-accent-100 font-semibold text-accent-700 dark:bg-accent-600/20 dark:text-accent-100"
                      : current >= 0 && line.index < current
                        ? "muted"
                        : ""
                  }`}
                >
                  {line.text}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
