import { describe, expect, it } from "vitest";
import { groupTimedLines } from "./timed-sections";

const lyrics = "[Verse]\nHeadlights on the road\nRadio plays\n\n[Chorus]\nNight drive\nStay with me\n\n[Verse 2]\nSlow it down\n\n[Chorus]\nNight drive\nStay with me";
const timed = (...texts: string[]) => texts.map((text, i) => ({ text, start: i * 2, end: i * 2 + 2 }));

describe("groupTimedLines", () => {
  it("puts each timed line under its section's heading, a repeated chorus under its second heading", () => {
    const groups = groupTimedLines(lyrics, timed("Headlights on the road", "Radio plays", "Night drive", "Stay with me", "Slow it down", "Night drive", "Stay with me"));
    expect(groups.map((g) => [g.heading, g.lines.map((l) => l.index)])).toEqual([
      ["Verse", [0, 1]],
      ["Chorus", [2, 3]],
      ["Verse 2", [4]],
      ["Chorus", [5, 6]],
    ]);
  });

  it("keeps a line the vendor spelled differently in the section before it, and works without lyrics", () => {
    const groups = groupTimedLines(lyrics, timed("Headlights on the road", "Radio  PLAYS", "radio, plays!", "Night drive"));
    expect(groups.map((g) => [g.heading, g.lines.map((l) => l.text)])).toEqual([
      ["Verse", ["Headlights on the road", "Radio  PLAYS", "radio, plays!"]],
      ["Chorus", ["Night drive"]],
    ]);
    expect(groupTimedLines(null, timed("La la"))).toEqual([{ heading: null, lines: [{ text: "La la", start: 0, end: 2, index: 0 }] }]);
  });
});
