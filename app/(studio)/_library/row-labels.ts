"use client";

import { useMemo } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { ClipCardData } from "../_clip/card-data";

// The words every row of a list repeats, prepared once per list: translating and
// formatting inside each of 20 rows made the rows the costliest part of the page
// to server-render (PERF-3).

export interface RowLabels {
  untitled: string;
  noStyle: string;
  private: string;
  star: { star: string; unstar: string; starred: string };
  states: Record<ClipCardData["state"], string>;
  play: (title: string) => string;
  pause: (title: string) => string;
  addToPlaylist: (title: string) => string;
  /** "3 minutes ago", from the list's fixed clock so server and browser agree. */
  relative: (iso: string) => string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** The largest unit that fits, like "2 days ago"; under a minute counts seconds. */
export function relativeParts(thenMs: number, nowMs: number): [number, Intl.RelativeTimeFormatUnit] {
  const seconds = Math.round((thenMs - nowMs) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return [Math.trunc(seconds / size), unit];
  }
  return [seconds, "second"];
}

// Building an Intl formatter takes about 0.1 ms, a fifth of a list render's data work: one per locale, per process.
const formatters = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let rtf = formatters.get(locale);
  if (!rtf) formatters.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })));
  return rtf;
}

export function useRowLabels(now: number): RowLabels {
  const t = useTranslations("library");
  const tp = useTranslations("playlists.add");
  const locale = useLocale();
  return useMemo(() => {
    const rtf = relativeFormat(locale);
    const fill = (raw: string) => (title: string) => raw.replace("{title}", title);
    return {
      untitled: t("untitled"),
      noStyle: t("noStyle"),
      private: t("private"),
      star: { star: t("star"), unstar: t("unstar"), starred: t("starred") },
      states: { queued: t("state.queued"), running: t("state.running"), streaming: t("state.streaming"), succeeded: t("state.succeeded"), failed: t("state.failed") },
      play: fill(t.raw("playSong") as string),
      pause: fill(t.raw("pauseSong") as string),
      addToPlaylist: fill(tp.raw("label") as string),
      relative: (iso) => rtf.format(...relativeParts(Date.parse(iso), now)),
    };
  }, [t, tp, locale, now]);
}
