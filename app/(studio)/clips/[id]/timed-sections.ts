import type { TimedLineDto } from "@/lib/dto";
import { parseLyrics } from "./lyrics-sections";

// Timed lines come from the vendor without the lyrics' section tags. Matching them, in
// order, against the clip's own lyrics gives the karaoke view the same headings as the
// plain text ([Verse], [Chorus], …). A line the vendor spelled differently stays in the
// section before it.

export interface TimedSection {
  heading: string | null;
  /** The lines with their index in the full list (the player's current-line index). */
  lines: (TimedLineDto & { index: number })[];
}

// How far ahead a line may be found: the vendor may drop or merge a few lines.
const LOOKAHEAD = 8;

const keyOf = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

export function groupTimedLines(lyrics: string | null, lines: readonly TimedLineDto[]): TimedSection[] {
  const sections = parseLyrics(lyrics);
  const plain = sections.flatMap((section, at) => section.stanzas.flat().map((text) => ({ key: keyOf(text), section: at })));
  const groups: TimedSection[] = [];
  let next = 0;
  let section = -1;
  lines.forEach((line, index) => {
    const key = keyOf(line.text);
    const found = plain.findIndex((p, i) => i >= next && i < next + LOOKAHEAD && p.key === key);
    if (found >= 0) {
      next = found + 1;
      if (plain[found].section !== section) {
        section = plain[found].section;
        groups.push({ heading: sections[section].heading, lines: [] });
      }
    }
    if (groups.length === 0) groups.push({ heading: null, lines: [] });
    groups[groups.length - 1].lines.push({ ...line, index });
  });
  return groups;
}
