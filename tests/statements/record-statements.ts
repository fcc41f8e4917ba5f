import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { inject } from "vitest";

// PERF-7: records each distinct SQL text the app prepares while the suite runs, so
// global-setup.ts can EXPLAIN every one of them on a seeded database afterwards.
// Texts are deduplicated before a stack is taken: Drizzle prepares on every call,
// and a stack costs far more than a Set lookup. A text is kept when the first code
// of ours on the stack is under lib/ or app/ (not a test's own seeding SQL).

export interface RecordedStatement {
  sql: string;
  /** The app frames nearest to prepare(), innermost first: "lib/server/data/clips.ts:42". */
  where: string[];
}

const INSTALLED = Symbol.for("songloft.recordStatements");
const root = process.cwd() + path.sep;

type Prototype = typeof Database.prototype & { [INSTALLED]?: true };
const proto = Database.prototype as Prototype;

// Setup files run once per test file; the native module, and so the wrapper, outlive them.
if (!proto[INSTALLED]) {
  const file = path.join(inject("statementsDir"), `${process.pid}.jsonl`);
  const seen = new Set<string>();
  const prepare = proto.prepare;
  proto.prepare = function (this: Database.Database, source: string) {
    if (!seen.has(source)) {
      seen.add(source);
      const where = appFrames();
      if (where.length > 0) fs.appendFileSync(file, JSON.stringify({ sql: source, where } satisfies RecordedStatement) + "\n");
    }
    return prepare.call(this, source);
  } as typeof prepare;
  proto[INSTALLED] = true;
}

/** Our frames on the stack, or none when the nearest one is not app code. */
function appFrames(): string[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const ours = stack
    .split("\n")
    .map((line) => /(\/[^\s()]+):(\d+):\d+\)?$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1].startsWith(root) && !m[1].includes("/node_modules/"))
    .map((m) => `${m[1].slice(root.length)}:${m[2]}`)
    .filter((frame) => !frame.startsWith("tests/statements/"));
  if (ours.length === 0 || !/^(lib|app)\//.test(ours[0]) || /\.test\.tsx?:/.test(ours[0])) return [];
  return ours.filter((frame) => /^(lib|app)\//.test(frame) && !/\.test\.tsx?:/.test(frame)).slice(0, 3);
}
