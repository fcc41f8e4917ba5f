import { describe, expect, it } from "vitest";
import { lineIndexAt } from "./timed-lyrics-store";

describe("lineIndexAt", () => {
  const lines = [
    { text: "one", start: 2, end: 4 },
    { text: "two", start: 4, end: 6 },
    { text: "three", start: 8, end: 10 },
  ];

  it("is the line that has started last, held through a pause before the next", () => {
    expect(lineIndexAt(lines, 0)).toBe(-1);
    expect(lineIndexAt(lines, 2)).toBe(0);
    expect(lineIndexAt(lines, 4.5)).toBe(1);
    expect(lineIndexAt(lines, 7)).toBe(1);
    expect(lineIndexAt(lines, 9)).toBe(2);
  });

  it("lets go after the last line ends, and knows nothing without lines", () => {
    expect(lineIndexAt(lines, 11)).toBe(-1);
    expect(lineIndexAt([], 3)).toBe(-1);
  });
});
