import { describe, expect, it } from "vitest";
import { catalogs } from "./catalog";
import { mergeMessages, pickMessages, type MessagePath } from "./slice";

describe("pickMessages", () => {
  it("keeps only the named groups, under their parents", () => {
    const picked = pickMessages(catalogs.en, ["common", "tasks.status", "tasks.progress"]);
    expect(Object.keys(picked).sort()).toEqual(["common", "tasks"]);
    expect(picked.common).toEqual(catalogs.en.common);
    expect(Object.keys(picked.tasks!).sort()).toEqual(["progress", "status"]);
    expect(picked.tasks!.status).toEqual(catalogs.en.tasks.status);
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(catalogs.en).length / 5);
  });

  it("never changes the shared catalogue, even when a group and its child are both named", () => {
    const before = JSON.stringify(catalogs.en);
    const picked = pickMessages(catalogs.en, ["tasks", "tasks.status"]);
    expect(picked.tasks).toEqual(catalogs.en.tasks);
    expect(JSON.stringify(catalogs.en)).toBe(before);
  });

  it("refuses a path that names no group", () => {
    expect(() => pickMessages(catalogs.en, ["tasks.nothing" as MessagePath])).toThrow(/tasks\.nothing/);
  });
});

describe("mergeMessages", () => {
  it("merges nested groups, the added side winning", () => {
    const merged = mergeMessages({ a: { x: "1", y: "2" }, b: "3" }, { a: { y: "4", z: "5" }, c: "6" });
    expect(merged).toEqual({ a: { x: "1", y: "4", z: "5" }, b: "3", c: "6" });
  });
});
