import type { RecordedStatement } from "./record-statements";

// Statements that read a large table in full on purpose. Each entry matches the SQL
// text (a regex) or the file that prepared it (a path under lib/ or app/), and says
// why the scan is right. Hot paths never belong here: give them an index instead.

interface Allowance {
  sql?: RegExp;
  preparedIn?: string;
  reason: string;
}

const ALLOWED: Allowance[] = [{ preparedIn: "lib/server/db/migrate.ts", reason: "migrations and their backfills rewrite whole tables once per schema change" }];

export function allowanceFor(statement: RecordedStatement): Allowance | undefined {
  return ALLOWED.find((a) => (a.sql?.test(statement.sql) ?? true) && (a.preparedIn === undefined || statement.where.some((frame) => frame.startsWith(`${a.preparedIn}:`))));
}
