import { describe, expect, it } from "vitest";
import { parseLibraryParams, viewKey } from "./query";

describe("parseLibraryParams", () => {
  it("reads the filters a bookmarked URL carries", () => {
    const { query, values, hasFilters } = parseLibraryParams({ q: "月光", status: "succeeded", starred: "1", from: "2026-01-01" }, { scope: "mine" });
    expect(query).toMatchObject({ scope: "mine", q: "月光", status: "succeeded", starred: true, from: "2026-01-01", limit: 20 });
    expect(values).toEqual({ q: "月光", status: "succeeded", starred: "1", from: "2026-01-01" });
    expect(hasFilters).toBe(true);
  });

  it("drops a stale or hand-edited value instead of failing the page", () => {
    const { query, values } = parseLibraryParams({ q: "rain", status: "exploded", from: "yesterday" }, { scope: "mine" });
    expect(query.q).toBe("rain");
    expect(query.status).toBeUndefined();
    expect(query.from).toBeUndefined();
    expect(values).toEqual({ q: "rain" });
  });

  it("ignores parameters that are not filters, and fixed parts cannot be overridden from the URL", () => {
    const { query, values, hasFilters } = parseLibraryParams({ scope: "team", view: "trash", cursor: "abc", limit: "100", member: "x" }, { scope: "team", member: "m1" });
    expect(query).toMatchObject({ scope: "team", member: "m1", limit: 20 });
    expect(query.view).toBeUndefined();
    expect(query.cursor).toBeUndefined();
    expect(values).toEqual({});
    expect(hasFilters).toBe(false);
  });

  it("treats blank fields and repeated parameters sensibly", () => {
    const { values, hasFilters } = parseLibraryParams({ q: "  ", model: ["v5", "v4"] }, { scope: "mine" });
    expect(values).toEqual({ model: "v5" });
    expect(hasFilters).toBe(true);
  });

  it("gives each filtered view its own key", () => {
    expect(viewKey({ q: "a" })).not.toBe(viewKey({ q: "b" }));
    expect(viewKey({})).toBe(viewKey({}));
  });
});
