import { describe, expect, it } from "vitest";
import { contentRange, parseRange, rangeStillValid } from "./range";

describe("parseRange", () => {
  const size = 1000;

  it("serves the whole file without a Range header", () => {
    expect(parseRange(null, size)).toEqual({ type: "full" });
  });

  it("reads a closed range", () => {
    expect(parseRange("bytes=0-99", size)).toEqual({ type: "partial", start: 0, end: 99 });
  });

  it("reads an open-ended range to the last byte", () => {
    expect(parseRange("bytes=900-", size)).toEqual({ type: "partial", start: 900, end: 999 });
  });

  it("reads a suffix range as the last N bytes", () => {
    expect(parseRange("bytes=-100", size)).toEqual({ type: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=-5000", size)).toEqual({ type: "partial", start: 0, end: 999 });
  });

  it("clamps an end past the file", () => {
    expect(parseRange("bytes=990-5000", size)).toEqual({ type: "partial", start: 990, end: 999 });
  });

  it("calls a start past the end unsatisfiable", () => {
    expect(parseRange("bytes=1000-", size)).toEqual({ type: "unsatisfiable" });
    expect(parseRange("bytes=5000-6000", size)).toEqual({ type: "unsatisfiable" });
    expect(parseRange("bytes=-0", size)).toEqual({ type: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ type: "unsatisfiable" });
  });

  it("ignores what it cannot or need not honour (whole file, as RFC 9110 allows)", () => {
    expect(parseRange("items=0-5", size)).toEqual({ type: "full" });
    expect(parseRange("bytes=5-1", size)).toEqual({ type: "full" });
    expect(parseRange("bytes=a-b", size)).toEqual({ type: "full" });
    expect(parseRange("bytes=0-1,5-9", size)).toEqual({ type: "full" });
    expect(parseRange("bytes=-", size)).toEqual({ type: "full" });
  });

  it("formats Content-Range", () => {
    expect(contentRange({ start: 0, end: 99 }, size)).toBe("bytes 0-99/1000");
  });

  it("drops the range when If-Range names another version", () => {
    expect(rangeStillValid(null, '"abc"')).toBe(true);
    expect(rangeStillValid('"abc"', '"abc"')).toBe(true);
    expect(rangeStillValid('"old"', '"abc"')).toBe(false);
  });
});
