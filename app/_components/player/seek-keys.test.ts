import { describe, expect, it } from "vitest";
import { seekTargetForKey } from "./seek-keys";

describe("seekTargetForKey", () => {
  it("steps 5 s with the arrows and 30 s with Page Up/Down", () => {
    expect(seekTargetForKey("ArrowRight", 60, 200)).toBe(65);
    expect(seekTargetForKey("ArrowUp", 60, 200)).toBe(65);
    expect(seekTargetForKey("ArrowLeft", 60, 200)).toBe(55);
    expect(seekTargetForKey("ArrowDown", 60, 200)).toBe(55);
    expect(seekTargetForKey("PageUp", 60, 200)).toBe(90);
    expect(seekTargetForKey("PageDown", 60, 200)).toBe(30);
  });

  it("goes to the ends with Home and End, and never past them", () => {
    expect(seekTargetForKey("Home", 60, 200)).toBe(0);
    expect(seekTargetForKey("End", 60, 200)).toBe(200);
    expect(seekTargetForKey("ArrowLeft", 2, 200)).toBe(0);
    expect(seekTargetForKey("PageUp", 190, 200)).toBe(200);
  });

  it("leaves other keys alone", () => {
    expect(seekTargetForKey(" ", 60, 200)).toBeNull();
    expect(seekTargetForKey("Tab", 60, 200)).toBeNull();
  });
});
