import { describe, expect, it } from "vitest";
import { parseLyrics } from "./lyrics-sections";

describe("parseLyrics", () => {
  it("turns section tags into headings and keeps every line", () => {
    const sections = parseLyrics("[Verse]\n月光洒在窗台\n风吹过旧街\n\n[Chorus]\nSing it loud\nSing it clear");
    expect(sections).toEqual([
      { heading: "Verse", stanzas: [["月光洒在窗台", "风吹过旧街"]] },
      { heading: "Chorus", stanzas: [["Sing it loud", "Sing it clear"]] },
    ]);
  });

  it("keeps lines before the first tag, and blank lines split stanzas", () => {
    const sections = parseLyrics("Intro words\r\n\r\n[Verse 2]\na\nb\n\nc\n[End]");
    expect(sections).toEqual([
      { heading: null, stanzas: [["Intro words"]] },
      { heading: "Verse 2", stanzas: [["a", "b"], ["c"]] },
    ]);
  });

  it("reads full-width brackets and returns nothing for empty lyrics", () => {
    expect(parseLyrics("【副歌】\n啦啦啦")[0]).toEqual({ heading: "副歌", stanzas: [["啦啦啦"]] });
    expect(parseLyrics("  \n")).toEqual([]);
    expect(parseLyrics(null)).toEqual([]);
  });

  it("does not treat a sung line that merely contains brackets as a heading", () => {
    expect(parseLyrics("I said [softly] goodbye")).toEqual([{ heading: null, stanzas: [["I said [softly] goodbye"]] }]);
  });
});
