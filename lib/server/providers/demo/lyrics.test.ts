import { describe, expect, it } from "vitest";
import { makeStyle, makeTitle, promptWords, writeLyrics } from "./lyrics";

describe("writeLyrics", () => {
  const lyrics = writeLyrics("rainy Tokyo streets and neon lights", "a1b2c3d4e5f6");

  it("has verse, chorus and bridge sections in order", () => {
    const sections = lyrics.match(/^\[[^\]]+\]$/gm);
    expect(sections).toEqual(["[Verse]", "[Chorus]", "[Verse]", "[Chorus]", "[Bridge]", "[Chorus]"]);
    expect(lyrics).not.toMatch(/\{[a-cA-C]\}/);
  });

  it("sings the prompt's words", () => {
    const used = ["rainy", "tokyo", "streets", "neon"].filter((w) => lyrics.toLowerCase().includes(w));
    expect(used.length).toBeGreaterThanOrEqual(2);
  });

  it("never repeats a verse line", () => {
    const verseLines = lyrics
      .split("\n\n")
      .filter((s) => s.startsWith("[Verse]"))
      .flatMap((s) => s.split("\n").slice(1));
    expect(new Set(verseLines).size).toBe(verseLines.length);
  });

  it("is deterministic per seed and varies between seeds", () => {
    expect(writeLyrics("rainy Tokyo streets and neon lights", "a1b2c3d4e5f6")).toBe(lyrics);
    expect(writeLyrics("rainy Tokyo streets and neon lights", "0123456789ab")).not.toBe(lyrics);
  });
});

describe("promptWords", () => {
  it("skips grammar and music vocabulary", () => {
    expect(promptWords("A dreamy pop song about the ocean at night")).toEqual(["ocean", "night"]);
  });

  it("segments Chinese and drops one-character particles", () => {
    expect(promptWords("夏天的海边和晚风")).toContain("夏天");
    expect(promptWords("夏天的海边和晚风")).not.toContain("的");
  });

  it("falls back to stock words for an empty or wordless prompt", () => {
    expect(promptWords("").length).toBeGreaterThan(0);
    expect(promptWords("!!! 123").length).toBeGreaterThan(0);
  });
});

describe("titles and styles", () => {
  it("makes a capitalised title from the prompt", () => {
    const title = makeTitle("ocean night", "a1b2c3d4e5f6");
    expect(title).toMatch(/Ocean|Night/);
    expect(makeTitle("ocean night", "a1b2c3d4e5f6")).toBe(title);
  });

  it("describes the key and tempo in the style", () => {
    expect(makeStyle("a1b2c3d4e5f6", "A minor", 92)).toMatch(/, A minor, 92 bpm$/);
  });
});
