import fs from "node:fs";
import path from "node:path";

// Copies of ../shared/vendors/fixtures live in tests/fixtures/vendors so the repository
// is self-contained. Every load returns a fresh copy that callers may mutate.

export type FixtureDir = "newapi" | "nengyongai" | "sunohub" | "normalized";

export const FIXTURES_DIR = path.resolve(__dirname, "../fixtures/vendors");

/** Fixtures are free-form JSON, hence the loose default type. */
export function loadFixture<T = any>(dir: FixtureDir, name: string): T {
  const file = path.join(FIXTURES_DIR, dir, name.endsWith(".json") ? name : `${name}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

export function listFixtures(dir: FixtureDir): string[] {
  return fs
    .readdirSync(path.join(FIXTURES_DIR, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** Error fixtures carry their HTTP status in the name (`error_403_…`); nengyongai's variants do not. */
export function errorFixture(dir: FixtureDir, name: string): { status: number; body: unknown } {
  const match = /^error_(\d{3})_/.exec(name);
  const status = match ? Number(match[1]) : name.includes("not_found") ? 404 : 400;
  return { status, body: loadFixture(dir, name) };
}
