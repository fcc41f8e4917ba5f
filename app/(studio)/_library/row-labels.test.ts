import { describe, expect, it } from "vitest";
import { relativeParts } from "./row-labels";

describe("relativeParts", () => {
  const now = Date.parse("2026-05-10T12:00:00Z");
  it("picks the largest unit that fits", () => {
    expect(relativeParts(now - 20_000, now)).toEqual([-20, "second"]);
    expect(relativeParts(now - 5 * 60_000, now)).toEqual([-5, "minute"]);
    expect(relativeParts(now - 3 * 3_600_000, now)).toEqual([-3, "hour"]);
    expect(relativeParts(now - 2 * 86_400_000, now)).toEqual([-2, "day"]);
    expect(relativeParts(now - 15 * 86_400_000, now)).toEqual([-2, "week"]);
    expect(relativeParts(now - 70 * 86_400_000, now)).toEqual([-2, "month"]);
    expect(relativeParts(now - 800 * 86_400_000, now)).toEqual([-2, "year"]);
  });
  it("reads naturally once formatted, in either language", () => {
    expect(new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(...relativeParts(now - 86_400_000, now))).toBe("yesterday");
    expect(new Intl.RelativeTimeFormat("zh-CN", { numeric: "auto" }).format(...relativeParts(now - 3 * 3_600_000, now))).toBe("3小时前");
  });
});
