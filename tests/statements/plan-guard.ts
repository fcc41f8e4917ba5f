import type Database from "better-sqlite3";

// PERF-7: what makes a query plan unacceptable. The rules, over the tables the guard
// covers (guardedTables below):
// - a bare `SCAN t` reads every row: always a failure;
// - `SCAN t USING [COVERING] INDEX i` walks an index in order. Keyset pages do that
//   and stop after LIMIT rows, so it passes when the statement has a LIMIT; without
//   one it reads the whole index (a count, a total) and fails;
// - `AUTOMATIC … INDEX` on t means SQLite builds a throwaway index by reading all of t
//   on every run: a failure;
// - an uncorrelated `SCALAR SUBQUERY` / `LIST SUBQUERY` runs once and ignores the outer
//   row. When it looks rows up by key (`SEARCH`, e.g. `id IN (SELECT clip_id FROM stars
//   WHERE user_id = ?)`) that is fine; when it walks t (`SCAN`, with or without an index)
//   it is almost always a column that lost its correlation: a failure.

export interface PlanStep {
  id: number;
  parent: number;
  detail: string;
}

// Tables that stay small however large the library grows. A full read of one is as
// cheap as an index lookup, so the guard leaves them out.
const SMALL_TABLES: Record<string, string> = {
  users: "one row per team member, tens of rows",
  providers: "one row per configured vendor, a handful",
  leases: "one row per lease name (the poller's)",
  // Only scanned as the foreign-key check when a user is added or removed (created_by
  // and used_by have no index): one row per invite an admin sends.
  invites: "tens of rows over an install's life",
  __drizzle_migrations: "one row per migration, read only when migrating",
  // The monthly usage counters exist to be summed whole (an all-time report reads them
  // all). The daily ones stay guarded: they are read only by day range.
  usage_months: "months × members × providers",
  usage_failure_months: "months × error codes",
  // Made by hand from a clip, one at a time, and listed whole for the team's picker.
  personas: "tens of rows: voices a team names",
  // A new link replaces the member's earlier one: at most one row per member.
  password_resets: "one row per member at most",
  settings: "one row per team-wide setting, a handful",
  // An admin adds a handful of outbound webhooks; finishing a task reads them all.
  webhooks: "a handful of rows per team",
};

/**
 * Every table of the schema except the small ones above and full-text indexes (a
 * virtual table and its shadow tables: FTS5 reads those itself, and a MATCH shows as
 * `VIRTUAL TABLE INDEX`). A table added later is guarded without anyone listing it.
 */
export function guardedTables(sqlite: Database.Database): Set<string> {
  const rows = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
  const isFts = (name: string) => virtual.some((v) => name === v || name.startsWith(`${v}_`));
  return new Set(rows.map((r) => r.name).filter((name) => !(name in SMALL_TABLES) && !isFts(name)));
}

/** Which tables a name in a plan can stand for: the table itself, or the tables aliased to it. */
function tableNames(sql: string): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (name: string, table: string) => names.set(name, (names.get(name) ?? new Set()).add(table));
  // `from clips c`, `join "stars" "s"`, `, media_files AS m`; not `json_each(?)` nor `c.id`.
  const ref =
    /\b(?:from|join|,)\s*["`]?(\w+)(?![\w.(])["`]?(?!\.)(?:\s+(?:as\s+)?(?!(?:where|on|using|join|left|right|inner|outer|cross|natural|full|indexed|not|order|group|limit|union|set|values|window|having|returning)\b)["`]?(\w+)["`]?)?/gi;
  for (const [, table, alias] of sql.matchAll(ref)) {
    add(table.toLowerCase(), table.toLowerCase());
    if (alias) add(alias.toLowerCase(), table.toLowerCase());
  }
  return names;
}

/** What is wrong with a statement's plan, one line per problem; empty when it passes. */
export function planProblems(sql: string, plan: PlanStep[], guarded: ReadonlySet<string>): string[] {
  const names = tableNames(sql);
  const guardedAs = (name: string) => [...(names.get(name.toLowerCase()) ?? [name.toLowerCase()])].find((t) => guarded.has(t));
  const hasLimit = /\blimit\b/i.test(sql);
  const problems: string[] = [];
  const subqueries = plan.filter((s) => /^(SCALAR|LIST) SUBQUERY/.test(s.detail));
  for (const step of subqueries) {
    for (const inner of descendants(plan, step.id)) {
      const scan = /^SCAN (\S+)/.exec(inner.detail);
      const table = scan && guardedAs(scan[1]);
      if (table) problems.push(`uncorrelated subquery walks ${table} (${step.detail}: ${inner.detail})`);
    }
  }
  // Steps inside an uncorrelated subquery were judged above, as a whole.
  const judged = new Set(subqueries.flatMap((s) => descendants(plan, s.id)));
  for (const step of plan) {
    const read = /^(SCAN|SEARCH) (\S+)(.*)$/.exec(step.detail);
    const table = read ? guardedAs(read[2]) : undefined;
    if (!read || !table) continue;
    const [, how, , rest] = read;
    const walks = how === "SCAN" && !judged.has(step);
    if (walks && rest === "") problems.push(`full scan of ${table}: ${step.detail}`);
    else if (walks && /^ USING (COVERING )?INDEX /.test(rest) && !hasLimit) problems.push(`reads all of an index on ${table} (no LIMIT): ${step.detail}`);
    if (/ AUTOMATIC /.test(rest)) problems.push(`builds an automatic index over all of ${table}: ${step.detail}`);
  }
  return problems;
}

function descendants(plan: PlanStep[], id: number): PlanStep[] {
  const children = plan.filter((s) => s.parent === id);
  return children.flatMap((c) => [c, ...descendants(plan, c.id)]);
}
