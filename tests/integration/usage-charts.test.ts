import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { softDeleteClip } from "@/lib/server/data/clips";
import { getUsageReport } from "@/lib/server/data/usage";
import type { User } from "@/lib/server/db/schema";
import { getMyMonthSummary, getSongSeriesForAdmin } from "@/lib/server/services/usage";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";

// The figures behind /admin/usage's charts (songs per day, stacked by member and by
// provider) and the Library header's month at a glance.

let env: TestDb;
let ann: User;
let ben: User;
let admin: User;
const day = (d: string) => new Date(`${d}T00:00:00Z`);

function songs(owner: User, providerId: string, at: string, n = 1, extra: Parameters<typeof createClip>[1] = {}) {
  return Array.from({ length: n }, () => createClip(owner, { providerId, createdAt: new Date(at), ...extra }));
}

beforeAll(() => {
  env = openTestDb({ NEWAPI_BASE_URL: "https://relay.example.com", NEWAPI_API_KEY: "test-key" });
  ann = createUser({ name: "Ann" });
  ben = createUser({ name: "Ben" });
  admin = createUser({ name: "Root", role: "admin" });
  songs(ann, "demo", "2024-03-01T00:00:00.000Z", 2);
  songs(ann, "newapi", "2024-03-03T12:00:00Z");
  songs(ben, "newapi", "2024-03-03T23:59:59.999Z", 3);
  // Just outside the chart's range on either side.
  songs(ben, "demo", "2024-02-29T23:59:59.999Z");
  songs(ann, "demo", "2024-03-04T00:00:00.000Z");
  createTask(ben, { providerId: "newapi", status: "failed", errorCode: "moderation", createdAt: new Date("2024-03-02T08:00:00Z") });
  createTask(ann, { providerId: "demo", status: "failed", errorCode: "moderation", createdAt: new Date("2024-03-02T09:00:00Z") });
  createTask(ann, { providerId: "demo", status: "failed", errorCode: "no_balance", createdAt: new Date("2024-03-03T09:00:00Z") });
});
afterAll(() => env.cleanup());

describe("songs per day for the chart", () => {
  const march = { from: day("2024-03-01"), to: day("2024-03-04") };

  it("stacks each day's songs by member, largest first, with days that made nothing as zeros", () => {
    const series = getSongSeriesForAdmin(admin, march);
    expect(series.unit).toBe("day");
    expect(series.buckets).toEqual(["2024-03-01", "2024-03-02", "2024-03-03"]);
    expect(series.byMember).toEqual([
      { id: ann.id, name: "Ann", values: [2, 0, 1] },
      { id: ben.id, name: "Ben", values: [0, 0, 3] },
    ]);
  });

  it("stacks the same songs by provider", () => {
    expect(getSongSeriesForAdmin(admin, march).byProvider).toEqual([
      { id: "newapi", name: "new-api relay", values: [0, 0, 4] },
      { id: "demo", name: "Demo (offline)", values: [2, 0, 0] },
    ]);
  });

  it("bounds the range by whole UTC days, the last millisecond of the last day included", () => {
    const one = getSongSeriesForAdmin(admin, { from: day("2024-03-03"), to: day("2024-03-04") });
    expect(one.buckets).toEqual(["2024-03-03"]);
    expect(one.byMember.map((s) => [s.name, s.values])).toEqual([
      ["Ben", [3]],
      ["Ann", [1]],
    ]);
  });

  it("charts an open start from the first day anything was made and an open end up to today", () => {
    const series = getSongSeriesForAdmin(admin, {}, new Date("2024-03-05T10:00:00Z"));
    expect(series.buckets[0]).toBe("2024-02-29");
    expect(series.buckets.at(-1)).toBe("2024-03-05");
    expect(series.byMember.find((s) => s.name === "Ben")?.values).toEqual([1, 0, 0, 3, 0, 0]);
  });

  it("charts a long range by month, the partial months at its edges counted from days", () => {
    const series = getSongSeriesForAdmin(admin, { from: day("2024-01-15"), to: day("2024-07-02") });
    expect(series.unit).toBe("month");
    expect(series.buckets).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"]);
    expect(series.byMember.map((s) => [s.name, s.values])).toEqual([
      ["Ann", [0, 0, 4, 0, 0, 0, 0]],
      ["Ben", [0, 1, 3, 0, 0, 0, 0]],
    ]);
  });

  it("is for admins only", () => {
    expect(() => getSongSeriesForAdmin(ann, march)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});

describe("failures by reason for the chart", () => {
  it("counts each reason within the range, most frequent first", () => {
    expect(getUsageReport({ from: day("2024-03-01"), to: day("2024-03-03") }).failures).toEqual([{ code: "moderation", count: 2 }]);
    expect(getUsageReport({ from: day("2024-03-01"), to: day("2024-03-04") }).failures).toEqual([
      { code: "moderation", count: 2 },
      { code: "no_balance", count: 1 },
    ]);
  });
});

describe("my month at a glance", () => {
  const now = new Date("2024-05-20T12:00:00Z");
  let cleo: User;

  beforeAll(() => {
    cleo = createUser({ name: "Cleo" });
    songs(cleo, "demo", "2024-05-01T00:00:00Z", 1, { duration: 120, style: "Synthwave, dreamy, 女声" });
    songs(cleo, "demo", "2024-05-03T10:00:00Z", 2, { duration: 90, style: "synthwave，lo-fi" });
    songs(cleo, "demo", "2024-05-31T23:59:59.999Z", 1, { duration: 30.5, style: "dreamy" });
    // Not counted: last month, a failed take, one in the trash, someone else's.
    songs(cleo, "demo", "2024-04-30T23:59:59.999Z", 1, { duration: 500, style: "metal" });
    songs(cleo, "demo", "2024-05-04T10:00:00Z", 1, { state: "failed", style: "metal" });
    const [trashed] = songs(cleo, "demo", "2024-05-05T10:00:00Z", 1, { duration: 500, style: "metal" });
    softDeleteClip({ clipId: trashed.id, ownerId: cleo.id });
    songs(ann, "demo", "2024-05-06T10:00:00Z", 4, { duration: 500, style: "metal" });
  });

  it("counts my finished songs this month, their minutes and my favourite styles", () => {
    const summary = getMyMonthSummary(cleo, now);
    expect(summary).toMatchObject({ month: "2024-05", songs: 4, seconds: 330.5 });
    expect(summary.topTags).toEqual([
      { tag: "Synthwave", count: 3 },
      { tag: "dreamy", count: 2 },
      { tag: "lo-fi", count: 2 },
      { tag: "女声", count: 1 },
    ]);
  });

  it("gives one count per day of the month, the last millisecond of the month included", () => {
    const { perDay } = getMyMonthSummary(cleo, now);
    expect(perDay).toHaveLength(31);
    expect(perDay[0]).toBe(1);
    expect(perDay[2]).toBe(2);
    expect(perDay[30]).toBe(1);
    expect(perDay.reduce((s, n) => s + n, 0)).toBe(4);
  });

  it("is empty for a month with nothing made", () => {
    expect(getMyMonthSummary(cleo, new Date("2024-06-02T00:00:00Z"))).toEqual({ month: "2024-06", songs: 0, seconds: 0, topTags: [], perDay: new Array(30).fill(0) });
  });
});
