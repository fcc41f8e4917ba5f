import { describe, expect, it } from "vitest";
import { MODEL_IDS } from "@/lib/models";
import { clipModelFromVendor, modelsFor, OFFERED_MODELS, vendorModelFor } from "./model-map";
import { VendorError } from "./types";

describe("model map", () => {
  it("offers the documented models per protocol, default first", () => {
    const ids = (p: "newapi" | "nengyongai" | "sunohub") => modelsFor(p).map((m) => m.id);
    expect(new Set(ids("newapi"))).toEqual(new Set(["v3.5", "v4", "v4.5", "v4.5+", "v5"]));
    expect(new Set(ids("nengyongai"))).toEqual(new Set(["v3.5", "v4", "v4.5"]));
    expect(new Set(ids("sunohub"))).toEqual(new Set(MODEL_IDS));
    expect(modelsFor("newapi")[0]).toMatchObject({ id: "v4", vendorModel: "chirp-v4" });
    expect(modelsFor("sunohub")[0]).toMatchObject({ id: "v4.5", vendorModel: "chirp-v4-5", limits: { lyrics: 5000, style: 1000 } });
  });

  it("maps normalised names to each vendor's wire names (§B.4)", () => {
    expect(vendorModelFor("newapi", "v3.5")).toBe("chirp-v3-5");
    expect(vendorModelFor("newapi", "v4.5")).toBe("chirp-auk");
    expect(vendorModelFor("newapi", "v4.5+")).toBe("chirp-bluejay");
    expect(vendorModelFor("newapi", "v5")).toBe("chirp-crow");
    expect(vendorModelFor("nengyongai", "v4")).toBe("chirp-v4");
    expect(vendorModelFor("sunohub", "v4.5+")).toBe("chirp-v4-5-plus");
    expect(vendorModelFor("sunohub", "v5.5")).toBe("chirp-v5-5");
  });

  it("refuses a model the protocol does not offer", () => {
    expect(() => vendorModelFor("nengyongai", "v5")).toThrow(VendorError);
    expect(() => vendorModelFor("newapi", "v5.5")).toThrow(/not offered/);
  });

  it("no protocol lists a model twice", () => {
    for (const list of Object.values(OFFERED_MODELS)) expect(new Set(list.map(([id]) => id)).size).toBe(list.length);
  });

  it.each([
    ["chirp-v3-5", null, "v3.5"],
    ["chirp-v3.5", null, "v3.5"],
    ["chirp-v3", "v3.5", "v3.5"],
    ["chirp-v3", "v3", "v3"],
    ["chirp-v3", null, "v3"],
    ["chirp-v4", "v4", "v4"],
    ["chirp-auk", null, "v4.5"],
    ["chirp-v4-5", null, "v4.5"],
    ["chirp-bluejay", null, "v4.5+"],
    ["chirp-v4-5-plus", null, "v4.5+"],
    ["chirp-auk-turbo", null, "v4.5-all"],
    ["chirp-crow", null, "v5"],
    ["chirp-v5", null, "v5"],
    ["chirp-v5-5", null, "v5.5"],
    ["chirp-v4-tau", null, "v4"],
    ["chirp-auk-upload", null, "v4.5"],
    ["chirp-ahi-stem-12-t1", "v4.5", "unknown"],
    ["something-new", null, "unknown"],
    [null, null, "unknown"],
  ] as const)("%s (%s) → %s", (name, major, want) => {
    expect(clipModelFromVendor(name, major)).toBe(want);
  });
});
