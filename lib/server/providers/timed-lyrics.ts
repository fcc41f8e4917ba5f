import { isRecord } from "./suno-clip";
import type { TimedLine } from "./types";

// Timed lyrics as the relays hand them out. Suno's own "aligned words" are one entry
// per sung word (`{word, start_s, end_s}`), where a word's text carries the lyric's line
// breaks and section markers ("[Verse]\nSnowflakes "). Songloft shows lines, so words
// are joined into lines at those breaks and the markers are dropped. A relay that
// already sends lines (`{text, start, end}`) is taken as it is.

const SECTION_MARKER = /^\s*\[[^\]]*\]\s*$/;

interface Timed {
  text: string;
  start: number;
  end: number;
}

const seconds = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
};

function timedEntry(item: unknown, textKeys: string[]): Timed | null {
  if (!isRecord(item)) return null;
  const text = textKeys.map((k) => item[k]).find((v): v is string => typeof v === "string");
  const start = seconds(item.start_s ?? item.start ?? item.startS);
  const end = seconds(item.end_s ?? item.end ?? item.endS);
  if (text === undefined || start === null || end === null) return null;
  return { text, start, end: Math.max(start, end) };
}

/** Words → lines at the newlines inside the words; section markers and blank lines vanish. */
export function linesFromWords(words: Timed[]): TimedLine[] {
  const lines: TimedLine[] = [];
  let text = "";
  let start: number | null = null;
  let end = 0;
  const flush = () => {
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean && start !== null) lines.push({ text: clean, start, end });
    text = "";
    start = null;
  };
  for (const word of words) {
    word.text.split("\n").forEach((part, i) => {
      if (i > 0) flush();
      if (part.trim() === "" || SECTION_MARKER.test(part)) return;
      text += part;
      start ??= word.start;
      end = word.end;
    });
  }
  flush();
  return lines;
}

/** The first array found under one of these keys, at the top or inside `data`/`response`. */
function findArray(raw: unknown, keys: string[], depth = 0): unknown[] | null {
  if (!isRecord(raw) || depth > 3) return null;
  for (const key of keys) if (Array.isArray(raw[key])) return raw[key] as unknown[];
  for (const key of ["data", "response", "result"]) {
    const inner = findArray(raw[key], keys, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/**
 * The lines of a timing answer; null when it holds none (an instrumental, or an
 * answer without timing at all), so the caller can tell "nothing to show" apart.
 */
export function parseTimedLyrics(raw: unknown): TimedLine[] | null {
  const words = findArray(raw, ["aligned_words", "alignedWords", "words"]);
  if (words) {
    const lines = linesFromWords(words.flatMap((w) => timedEntry(w, ["word", "text"]) ?? []));
    return lines.length > 0 ? lines : null;
  }
  const given = findArray(raw, ["lines", "aligned_lyrics", "lyrics"]);
  const lines = (given ?? []).flatMap((l) => timedEntry(l, ["text", "line", "lyric"]) ?? []).filter((l) => l.text.trim() !== "");
  return lines.length > 0 ? lines.map((l) => ({ ...l, text: l.text.trim() })) : null;
}

/** True when the answer carries timing at all (even an empty list), i.e. it is not a task id to wait for. */
export function hasTimingData(raw: unknown): boolean {
  return findArray(raw, ["aligned_words", "alignedWords", "words", "lines", "aligned_lyrics"]) !== null;
}
