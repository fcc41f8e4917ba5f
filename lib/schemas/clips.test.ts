import { describe, expect, it } from "vitest";
import { clipListQuerySchema, clipPatchSchema, rangeBound, searchParamsRecord } from "./clips";

const parse = (query: string) => clipListQuerySchema.safeParse(searchParamsRecord(new URLSearchParams(query)));

describe("the clips query", () => {
  it("defaults to my clips, 20 at a time, and ignores blank form fields", () => {
    expect(parse("q=&status=&model=").data).toEqual({ scope: "mine", limit: 20 });
  });

  it("reads a bookmarked, filtered team view", () => {
    const result = parse("scope=team&member=u1&q=%E6%9C%88%E5%85%89&status=failed&model=v4.5%2B&provider=demo&starred=1&from=2024-01-01&to=2024-02-01&limit=50");
    expect(result.data).toEqual({
      scope: "team",
      member: "u1",
      q: "月光",
      status: "failed",
      model: "v4.5+",
      provider: "demo",
      starred: true,
      from: "2024-01-01",
      to: "2024-02-01",
      limit: 50,
    });
  });

  it("takes the first of repeated parameters, from URLSearchParams or Next's searchParams", () => {
    expect(searchParamsRecord(new URLSearchParams("q=a&q=b"))).toEqual({ q: "a" });
    expect(searchParamsRecord({ q: ["a", "b"], status: undefined, scope: "team" })).toEqual({ q: "a", scope: "team" });
  });

  it("refuses what it cannot mean, field by field", () => {
    for (const bad of ["limit=0", "limit=101", "limit=ten", "scope=everyone", "status=done", "starred=maybe", "from=yesterday", "to=2024-13-01", `q=${"x".repeat(201)}`]) {
      const result = parse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0].path, bad).toEqual([bad.split("=")[0]]);
    }
  });

  it("makes a date range cover whole days", () => {
    expect(rangeBound("2024-03-01", "from")?.toISOString()).toBe("2024-03-01T00:00:00.000Z");
    expect(rangeBound("2024-03-01", "to")?.toISOString()).toBe("2024-03-01T23:59:59.999Z");
    expect(rangeBound("2024-03-01T12:00:00+08:00", "to")?.toISOString()).toBe("2024-03-01T04:00:00.000Z");
    expect(rangeBound(undefined, "from")).toBeUndefined();
  });
});

describe("the clip patch", () => {
  it("trims titles and refuses blank, overlong or unknown fields", () => {
    expect(clipPatchSchema.parse({ title: "  Night Drive ", starred: true })).toEqual({ title: "Night Drive", starred: true });
    expect(clipPatchSchema.safeParse({ title: "   " }).error?.issues[0].message).toBe("titleRequired");
    expect(clipPatchSchema.safeParse({ title: "x".repeat(101) }).error?.issues[0].message).toBe("titleTooLong");
    expect(clipPatchSchema.safeParse({ visibility: "public" }).success).toBe(false);
    expect(clipPatchSchema.safeParse({ ownerId: "someone" }).success).toBe(false);
  });
});
