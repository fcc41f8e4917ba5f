import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import { boundSql } from "./bound-sql";

describe("boundSql", () => {
  const db = drizzle(new Database(":memory:"));

  it("binds each named parameter as a value, never as text", () => {
    const query = db.all<{ a: string; b: number }>(sql`select ${boundSql("@name AS a, @n + 1 AS b", { name: "x' OR 1=1 --", n: 41 })}`);
    expect(query).toEqual([{ a: "x' OR 1=1 --", b: 42 }]);
  });

  it("refuses a fragment whose parameter was not given", () => {
    expect(() => boundSql("c.owner_id = @viewer", {})).toThrow("@viewer");
  });
});
