import { describe, expect, it } from "vitest";
import { parseTimedLyrics } from "./timed-lyrics";

// The first words of AceData's /suno/timing example (docs/suno_timing_api_integration_guide.md).
const ACEDATA = {
  success: true,
  task_id: "ccf72cca-1c82-4580-8575-bb141c7e8e48",
  data: {
    aligned_words: [
      { word: "[Verse]\nSnowflakes ", success: true, start_s: 2.63, end_s: 3.43, p_align: 0.531 },
      { word: "dance ", success: true, start_s: 3.43, end_s: 3.91, p_align: 0.911 },
      { word: "high\n", success: true, start_s: 5.11, end_s: 6.25, p_align: 0.969 },
      { word: "Children's ", success: true, start_s: 6.57, end_s: 8.34, p_align: 0.655 },
      { word: "crowd\n\n", success: true, start_s: 17.59, end_s: 18.32, p_align: 0.984 },
      { word: "[Verse 2]\nCandy ", success: true, start_s: 18.96, end_s: 19.79, p_align: 0.959 },
      { word: "warm\n", success: true, start_s: 21.7, end_s: 22.58, p_align: 0.641 },
    ],
    waveform_data: [0.001, 0.04],
  },
};

describe("timed lyrics", () => {
  it("joins aligned words into lines at their line breaks and drops section markers", () => {
    expect(parseTimedLyrics(ACEDATA)).toEqual([
      { text: "Snowflakes dance high", start: 2.63, end: 6.25 },
      { text: "Children's crowd", start: 6.57, end: 18.32 },
      { text: "Candy warm", start: 18.96, end: 22.58 },
    ]);
  });

  it("reads the bare new-api-family answer (rixapi's act/timing) and start/end line lists", () => {
    expect(parseTimedLyrics({ aligned_words: [{ word: "Hi\n", start_s: 1, end_s: 2 }], hoot_cer: 0.03 })).toEqual([{ text: "Hi", start: 1, end: 2 }]);
    expect(
      parseTimedLyrics({
        data: {
          lines: [
            { text: " One ", start: 0, end: 1.5 },
            { text: "", start: 2, end: 3 },
          ],
        },
      }),
    ).toEqual([{ text: "One", start: 0, end: 1.5 }]);
  });

  it("an instrumental (no words) or an answer without timing has none", () => {
    expect(parseTimedLyrics({ success: true, data: { aligned_words: [] } })).toBeNull();
    expect(parseTimedLyrics({ code: "success", data: "task-id" })).toBeNull();
  });

  it("words without usable times are skipped, not guessed", () => {
    expect(
      parseTimedLyrics({
        aligned_words: [
          { word: "a ", start_s: "x", end_s: 1 },
          { word: "b\n", start_s: 2, end_s: 3 },
        ],
      }),
    ).toEqual([{ text: "b", start: 2, end: 3 }]);
  });
});
