// The demo's timed lyrics: the sung lines spread over the song, the way a vendor's
// alignment would place them, from nothing but the lyrics and the length. A short
// intro and outro stay silent; longer lines get more time; a stanza break is a breath.
import type { TimedLine } from "../types";

const TAG = /^\s*[[【]\s*[^\]】]{1,60}?\s*[\]】]\s*$/;
const INTRO_SHARE = 0.06;
const OUTRO_SHARE = 0.06;
const MAX_EDGE_SECONDS = 4;
// Weights: a line counts its characters plus a fixed cost (a short line is still sung
// for a moment); a stanza break is worth a few characters of silence.
const LINE_BASE_WEIGHT = 8;
const BREAK_WEIGHT = 6;

const round = (seconds: number) => Math.round(seconds * 100) / 100;

/** `[]` for an instrumental (no lyrics, or only section tags) or a song with no length. */
export function demoTimedLyrics(lyrics: string | null, duration: number): TimedLine[] {
  if (!lyrics || !(duration > 0)) return [];
  // Each entry is a sung line, or null for a stanza break (blank lines and section tags).
  const items: (string | null)[] = [];
  for (const raw of lyrics.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const sung = line !== "" && !TAG.test(line);
    if (sung) items.push(line);
    else if (items.length > 0 && items[items.length - 1] !== null) items.push(null);
  }
  while (items.length > 0 && items[items.length - 1] === null) items.pop();
  if (items.length === 0) return [];

  const intro = Math.min(duration * INTRO_SHARE, MAX_EDGE_SECONDS);
  const outro = Math.min(duration * OUTRO_SHARE, MAX_EDGE_SECONDS);
  const weightOf = (item: string | null) => (item === null ? BREAK_WEIGHT : LINE_BASE_WEIGHT + [...item].length);
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  const perWeight = (duration - intro - outro) / total;

  const lines: TimedLine[] = [];
  let at = intro;
  for (const item of items) {
    const length = weightOf(item) * perWeight;
    if (item !== null) lines.push({ text: item, start: round(at), end: round(at + length) });
    at += length;
  }
  return lines;
}
