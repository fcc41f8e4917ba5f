import { describe, expect, it } from "vitest";
import { parsePrefs } from "./player-prefs";

describe("remembered player choices", () => {
  it("reads back what was saved", () => {
    expect(parsePrefs(JSON.stringify({ volume: 0.4, muted: true, shuffle: true, repeat: "one" }))).toEqual({ volume: 0.4, muted: true, shuffle: true, repeat: "one" });
  });

  it("drops values that are out of range, of the wrong type or unreadable", () => {
    expect(parsePrefs(JSON.stringify({ volume: 3, muted: "yes", shuffle: 1, repeat: "forever" }))).toEqual({});
    expect(parsePrefs(JSON.stringify({ volume: -0.1, repeat: "all" }))).toEqual({ repeat: "all" });
    expect(parsePrefs("{not json")).toEqual({});
    expect(parsePrefs(null)).toEqual({});
    expect(parsePrefs("42")).toEqual({});
  });
});
