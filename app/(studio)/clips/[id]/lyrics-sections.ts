// Suno lyrics mark their parts with tags on their own line: `[Verse]`, `[Chorus]`,
// `[Verse 2]`, `[Bridge]`. Splitting on them lets the page show readable headings
// while every sung line keeps its own line.

export interface LyricsSection {
  heading: string | null;
  /** Stanzas of the section: blank lines in the source separate them. */
  stanzas: string[][];
}

const TAG = /^\s*[[【]\s*([^\]】]{1,60}?)\s*[\]】]\s*$/;

export function parseLyrics(text: string | null | undefined): LyricsSection[] {
  if (!text || !text.trim()) return [];
  const sections: LyricsSection[] = [];
  let section: LyricsSection | null = null;
  let stanza: string[] = [];

  const closeStanza = () => {
    if (stanza.length === 0) return;
    if (!section) sections.push((section = { heading: null, stanzas: [] }));
    section.stanzas.push(stanza);
    stanza = [];
  };

  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const tag = TAG.exec(raw);
    if (tag) {
      closeStanza();
      sections.push((section = { heading: tag[1], stanzas: [] }));
    } else if (raw.trim() === "") {
      closeStanza();
    } else {
      stanza.push(raw.trim());
    }
  }
  closeStanza();
  // A trailing tag with nothing under it (`[End]`) is noise, not a section.
  return sections.filter((s, i) => s.stanzas.length > 0 || i < sections.length - 1);
}
