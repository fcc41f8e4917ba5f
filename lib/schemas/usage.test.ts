import { describe, expect, it } from "vitest";
import { parseUsageRange } from "./usage";

describe("the usage date range", () => {
  it("reports all time when no range is given or the fields are blank", () => {
    expect(parseUsageRange({})).toEqual({ values: {}, errors: {}, period: {} });
    expect(parseUsageRange({ from: "", to: "" }).period).toEqual({});
  });

  it("covers whole UTC days, the last one included", () => {
    const { period, errors } = parseUsageRange({ from: "2024-01-15", to: "2024-03-31" });
    expect(errors).toEqual({});
    expect(period.from?.toISOString()).toBe("2024-01-15T00:00:00.000Z");
    expect(period.to?.toISOString()).toBe("2024-04-01T00:00:00.000Z");
    expect(parseUsageRange({ to: "2024-02-29" }).period.to?.toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });

  it("names the wrong field and falls back to all time", () => {
    expect(parseUsageRange({ from: "2024-02-30", to: "2024-03-01" })).toMatchObject({ errors: { from: "invalidDate" }, period: {} });
    expect(parseUsageRange({ from: "yesterday" }).errors).toEqual({ from: "invalidDate" });
    expect(parseUsageRange({ from: "2024-03-02", to: "2024-03-01" })).toMatchObject({ errors: { to: "toBeforeFrom" }, period: {} });
  });

  it("takes the first of repeated parameters and keeps long junk out of the form", () => {
    expect(parseUsageRange({ from: ["2024-01-01", "2025-01-01"] }).values.from).toBe("2024-01-01");
    expect(parseUsageRange({ to: "x".repeat(5000) }).values.to).toHaveLength(10);
    expect(parseUsageRange({ to: "2024-01-01T10:00:00Z" })).toMatchObject({ values: { to: "2024-01-01" }, errors: { to: "invalidDate" } });
  });
});
