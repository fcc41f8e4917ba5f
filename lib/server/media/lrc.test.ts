import { describe, expect, it } from "vitest";
import { toLrc } from "./lrc";

describe("toLrc", () => {
  it("writes one [mm:ss.xx] line per timed line after the title, artist and album", () => {
    const lrc = toLrc(
      [
        { text: "Neon lights", start: 0 },
        { text: "Two\nlines", start: 125.456 },
      ],
      { title: "Night Drive", artist: "Alice", album: "Songloft" },
    );
    expect(lrc).toBe("[ti:Night Drive]\n[ar:Alice]\n[al:Songloft]\n[00:00.00]Neon lights\n[02:05.46]Two lines\n");
  });
});
