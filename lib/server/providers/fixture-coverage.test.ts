import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_RECORD_ENV, listFixtures, readFixtureRecord, type FixtureDir } from "@/tests/simulators/fixtures";

// Every vendor fixture must be parsed by some test (a contract test, or a simulator
// serving it to an adapter), so a mapping cannot break without a test noticing.
// loadFixture records each fixture it parses; vitest.config.mts runs this file in a
// project ordered after all the others, so the record is complete when it is read.
// A filtered run that picks this file but not the tests parsing the fixtures fails here.

/**
 * Fixtures of operations Songloft does not offer, with the reason. Empty since issue 12:
 * the concat and cover requests are sent now (newapi-requests.test.ts,
 * sunohub-requests.test.ts and the contract suite compare against them).
 */
const NOT_SUPPORTED: Record<string, string> = {};

const DIRS: FixtureDir[] = ["newapi", "nengyongai", "sunohub", "normalized"];

describe("fixture coverage", () => {
  afterAll(() => fs.rmSync(process.env[FIXTURE_RECORD_ENV] ?? "", { force: true }));

  it("runs after the suite, with a record to read", () => {
    expect(process.env[FIXTURE_RECORD_ENV], "run through `npm run test:unit` (vitest.config.mts sets the record)").toBeTruthy();
    expect(readFixtureRecord().size, "no test parsed a fixture: run the whole unit suite, not a filtered part of it").toBeGreaterThan(0);
  });

  for (const dir of DIRS) {
    it(`every ${dir} fixture was parsed by a test`, () => {
      const parsed = readFixtureRecord();
      const unparsed = listFixtures(dir).filter((name) => !NOT_SUPPORTED[`${dir}/${name}`] && !parsed.has(`${dir}/${name}`));
      expect(unparsed).toEqual([]);
    });
  }

  it("the exemptions still name real fixtures", () => {
    for (const key of Object.keys(NOT_SUPPORTED)) {
      const [dir, name] = key.split("/") as [FixtureDir, string];
      expect(listFixtures(dir)).toContain(name);
    }
  });
});
