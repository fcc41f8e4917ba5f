import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { allowanceFor } from "./allowlist";
import { guardedTables, planProblems, type PlanStep } from "./plan-guard";
import type { RecordedStatement } from "./record-statements";
import { seedGuardDatabase } from "./seed";

// PERF-7: the workers record every statement the app prepares (record-statements.ts);
// when the run ends, each is EXPLAINed on a seeded database, as the app runs it (no
// statistics) and after ANALYZE, and the run fails if any plan reads a guarded table
// in full. Statements SQLite cannot EXPLAIN here (DDL against existing tables,
// PRAGMAs, temp or test-made tables) are skipped.

declare module "vitest" {
  export interface ProvidedContext {
    statementsDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-statements-"));
  project.provide("statementsDir", dir);
  return async () => {
    try {
      const statements = readRecorded(dir);
      if (statements.length > 0) await guard(statements, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

function readRecorded(dir: string): RecordedStatement[] {
  const bySql = new Map<string, RecordedStatement>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl"))) {
    for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n").filter(Boolean)) {
      const statement = JSON.parse(line) as RecordedStatement;
      if (!bySql.has(statement.sql)) bySql.set(statement.sql, statement);
    }
  }
  return [...bySql.values()];
}

async function guard(statements: RecordedStatement[], dir: string) {
  const started = performance.now();
  const file = path.join(dir, "guard.db");
  await seedGuardDatabase(file);
  const sqlite = new Database(file);
  const plans: [string, (PlanStep[] | undefined)[]][] = [];
  let guarded: Set<string>;
  try {
    guarded = guardedTables(sqlite);
    plans.push(["no statistics", statements.map((s) => explain(sqlite, s.sql))]);
    sqlite.exec("ANALYZE");
    plans.push(["after ANALYZE", statements.map((s) => explain(sqlite, s.sql))]);
  } finally {
    sqlite.close();
  }
  const offences = statements.flatMap((statement, i) => {
    if (allowanceFor(statement)) return [];
    // The first state whose plan offends is reported; the other usually says the same.
    for (const [statistics, explained] of plans) {
      const plan = explained[i];
      const problems = plan ? planProblems(statement.sql, plan, guarded) : [];
      if (problems.length > 0) return [describe(statement, plan!, problems, statistics)];
    }
    return [];
  });
  const skipped = plans[0][1].filter((p) => !p).length;
  console.log(
    `statement guard: ${statements.length} statements the app prepared, ${skipped} not EXPLAINable here, ${offences.length} with offending plans (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (offences.length > 0) {
    // A teardown that throws is only logged by Vitest, and the run still exits 0.
    console.error(`\nPERF-7: ${offences.length} statements read a large table in full (tests/statements/allowlist.ts if one is meant to)\n\n${offences.join("\n\n")}\n`);
    process.exitCode = 1;
  }
}

function explain(sqlite: Database.Database, sql: string): PlanStep[] | undefined {
  if (/^\s*PRAGMA\b/i.test(sql)) return undefined;
  try {
    const { positional, named } = nullParameters(sql);
    const statement = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    return (Object.keys(named).length > 0 ? statement.all(...positional, named) : statement.all(...positional)) as PlanStep[];
  } catch {
    return undefined;
  }
}

/**
 * SQLite plans without bound values, but better-sqlite3 insists on one per parameter:
 * null for each `?` and `@name`, found outside quotes and comments.
 */
function nullParameters(sql: string) {
  const positional: null[] = [];
  const named: Record<string, null> = {};
  const token = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|--[^\n]*|\/\*[\s\S]*?\*\/|\?|[@:$](\w+)/g;
  for (const [text, name] of sql.matchAll(token)) {
    if (text === "?") positional.push(null);
    else if (name) named[name] = null;
  }
  return { positional, named };
}

function describe(statement: RecordedStatement, plan: PlanStep[], problems: string[], statistics: string) {
  const depth = new Map<number, number>([[0, 0]]);
  const lines = plan.map((s) => {
    depth.set(s.id, (depth.get(s.parent) ?? 0) + 1);
    return `${"  ".repeat(depth.get(s.id)!)}${s.detail}`;
  });
  return [
    `✗ ${problems.join("\n  ")}`,
    `  prepared at ${statement.where.join(" ← ")} (plan ${statistics})`,
    `  SQL: ${statement.sql.replace(/\s+/g, " ").trim()}`,
    `  plan:`,
    ...lines.map((l) => `  ${l}`),
  ].join("\n");
}
