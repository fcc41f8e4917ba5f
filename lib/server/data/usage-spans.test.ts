import { describe, expect, it } from "vitest";
import { splitUsagePeriod } from "./usage-spans";

const at = (day: string) => new Date(`${day}T00:00:00Z`);

describe("splitUsagePeriod", () => {
  it("reads all months when the period is open at both ends", () => {
    expect(splitUsagePeriod({})).toEqual({ months: { from: undefined, to: undefined }, days: [] });
  });

  it("reads whole months only when the period starts and ends on month boundaries", () => {
    expect(splitUsagePeriod({ from: at("2024-01-01"), to: at("2024-04-01") })).toEqual({ months: { from: "2024-01", to: "2024-03" }, days: [] });
  });

  it("reads the partial months at both edges from days", () => {
    expect(splitUsagePeriod({ from: at("2024-01-15"), to: at("2024-04-11") })).toEqual({
      months: { from: "2024-02", to: "2024-03" },
      days: [
        { from: "2024-01-15", to: "2024-01-31" },
        { from: "2024-04-01", to: "2024-04-10" },
      ],
    });
  });

  it("reads days alone when no whole month lies inside", () => {
    expect(splitUsagePeriod({ from: at("2024-01-15"), to: at("2024-02-11") })).toEqual({ months: null, days: [{ from: "2024-01-15", to: "2024-02-10" }] });
    expect(splitUsagePeriod({ from: at("2024-02-29"), to: at("2024-03-01") })).toEqual({ months: null, days: [{ from: "2024-02-29", to: "2024-02-29" }] });
  });

  it("keeps open ends open and widens hours to whole days", () => {
    expect(splitUsagePeriod({ from: new Date("2024-03-10T15:00:00Z") })).toEqual({ months: { from: "2024-04", to: undefined }, days: [{ from: "2024-03-10", to: "2024-03-31" }] });
    expect(splitUsagePeriod({ to: new Date("2024-03-10T15:00:00Z") })).toEqual({ months: { from: undefined, to: "2024-02" }, days: [{ from: "2024-03-01", to: "2024-03-10" }] });
  });

  it("reads nothing for a period that ends before it starts", () => {
    expect(splitUsagePeriod({ from: at("2024-03-10"), to: at("2024-03-10") })).toEqual({ months: null, days: [] });
  });
});
