import fs from "node:fs";
import path from "node:path";

// Copies of ../shared/vendors/fixtures live in tests/fixtures/vendors so the repository
// is self-contained. Every load returns a fresh copy that callers may mutate.

export type FixtureDir = "newapi" | "nengyongai" | "sunohub" | "normalized";

export const FIXTURES_DIR = path.resolve(__dirname, "../fixtures/vendors");

/** Where the unit suite records the fixtures it parsed (vitest.config.mts); unset elsewhere. */
export const FIXTURE_RECORD_ENV = "SONGLOFT_FIXTURE_RECORD";
const recorded = new Set<string>();

/** Fixtures are free-form JSON, hence the loose default type. */
export function loadFixture<T = any>(dir: FixtureDir, name: string): T {
  const base = name.endsWith(".json") ? name.slice(0, -".json".length) : name;
  const parsed = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, dir, `${base}.json`), "utf8")) as T;
  // Test files run in parallel processes: each appends the fixtures it parsed to one
  // shared file, which fixture-coverage.test.ts reads once every other test has run.
  const record = process.env[FIXTURE_RECORD_ENV];
  if (record && !recorded.has(`${dir}/${base}`)) {
    recorded.add(`${dir}/${base}`);
    fs.appendFileSync(record, `${dir}/${base}\n`);
  }
  return parsed;
}

/** The fixtures parsed so far in this run, as "dir/name". */
export function readFixtureRecord(): Set<string> {
  const record = process.env[FIXTURE_RECORD_ENV];
  if (!record || !fs.existsSync(record)) return new Set();
  return new Set(fs.readFileSync(record, "utf8").split("\n").filter(Boolean));
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
