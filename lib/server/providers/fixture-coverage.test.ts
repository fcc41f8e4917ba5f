import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFixtures, type FixtureDir } from "@/tests/simulators/fixtures";

// Every vendor fixture must be exercised by a contract test of its own vendor
// (lib/server/providers/<vendor>.test.ts or tests/integration/providers-<vendor>.test.ts),
// so a mapping cannot break without a test noticing.

/** Request shapes for kinds Songloft does not offer (DESIGN: music, lyrics, extend). */
const NOT_SUPPORTED: Record<string, string> = {
  "newapi/submit_request_concat": "concat is not a Songloft task kind; stock new-api does not support it either",
  "sunohub/submit_request_concat": "concat is not a Songloft task kind",
  "sunohub/submit_request_cover": "cover is not a Songloft task kind",
};

const root = path.resolve(__dirname, "../../..");
const testFiles = [
  ...fs.readdirSync(__dirname).map((f) => path.join(__dirname, f)),
  ...fs.readdirSync(path.join(root, "tests/integration")).map((f) => path.join(root, "tests/integration", f)),
].filter((f) => /(^|[/-])(newapi|nengyongai|sunohub)\.test\.ts$/.test(f));

function sourcesFor(dir: FixtureDir): string {
  const mine = dir === "normalized" ? testFiles : testFiles.filter((f) => path.basename(f).includes(dir));
  return mine.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

describe("fixture coverage", () => {
  for (const dir of ["newapi", "nengyongai", "sunohub", "normalized"] as const) {
    it(`every ${dir} fixture has a contract test`, () => {
      const source = sourcesFor(dir);
      const untested = listFixtures(dir).filter((name) => !NOT_SUPPORTED[`${dir}/${name}`] && !source.includes(`"${name}"`));
      expect(untested).toEqual([]);
    });
  }

  it("the exemptions still name real fixtures", () => {
    for (const key of Object.keys(NOT_SUPPORTED)) {
      const [dir, name] = key.split("/") as [FixtureDir, string];
      expect(listFixtures(dir)).toContain(name);
    }
  });
});
