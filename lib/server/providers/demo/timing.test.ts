import { describe, expect, it } from "vitest";
import { demoTimedLyrics } from "./timing";

describe("demoTimedLyrics", () => {
  const lyrics = "[Verse]\nWalking through the city\nEvery light\n\n[Chorus]\nOh, river, carry me home\n[End]";

  it("places every sung line in order inside the song, tags left out", () => {
    const lines = demoTimedLyrics(lyrics, 30);
    expect(lines.map((l) => l.text)).toEqual(["Walking through the city", "Every light", "Oh, river, carry me home"]);
    expect(lines[0].start).toBeGreaterThan(0);
    expect(lines.at(-1)!.end).toBeLessThan(30);
    for (const [i, line] of lines.entries()) {
      expect(line.end).toBeGreaterThan(line.start);
      if (i > 0) expect(line.start).toBeGreaterThanOrEqual(lines[i - 1].end);
    }
    // A stanza break leaves a pause; lines within a stanza follow each other.
    expect(lines[1].start).toBe(lines[0].end);
    expect(lines[2].start).toBeGreaterThan(lines[1].end);
  });

  it("gives a longer line more time", () => {
    const [long, short] = demoTimedLyrics("A much longer line than the next one\nShort", 20);
    expect(long.end - long.start).toBeGreaterThan(short.end - short.start);
  });

  it("answers nothing for an instrumental or a song without a length", () => {
    expect(demoTimedLyrics(null, 30)).toEqual([]);
    expect(demoTimedLyrics("  \n", 30)).toEqual([]);
    expect(demoTimedLyrics("[Instrumental]\n\n[Outro]", 30)).toEqual([]);
    expect(demoTimedLyrics("La la la", 0)).toEqual([]);
  });
});
