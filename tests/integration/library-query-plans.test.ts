import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { SUMMARY_SELECT } from "@/lib/server/data/clip-rows";
import { FTS_CANDIDATE_LIMIT, SEARCH_WINDOW } from "@/lib/server/data/clips";
import { ftsProbeQuery, pageQuery, scopeIndex, windowBoundaryQuery, type ClipListFilters, type ListSql } from "@/lib/server/data/clip-list-sql";
import { openSongTasksQuery } from "@/lib/server/data/open-tasks";
import { closeDb, getDb } from "@/lib/server/db/client";
import { seedLibrary } from "@/tests/bench/seed";

// PERF-1: every list the library, team and member pages can ask for, with every
// combination of the filters the UI offers, walks one of the library indexes in
// (created_at, id) order: an index SEARCH, never a table SCAN, never a temp B-tree,
// and never COUNT(*). Checked on a seeded database both as the app runs it (no
// statistics) and after ANALYZE. A search whose words are rare enough for FTS5 sorts
// only its candidates' keys, at most FTS_CANDIDATE_LIMIT of them.

let dataDir: string;
let sqlite: Database.Database;
let viewer: { id: string };
let member: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-plans-"));
  await seedLibrary({ clips: 3000, file: path.join(dataDir, "songloft.db") });
  closeDb();
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  sqlite = getDb().$client;
  const users = sqlite.prepare("SELECT id FROM users ORDER BY id").all() as { id: string }[];
  viewer = users[0];
  member = users[1].id;
}, 120_000);

afterAll(() => {
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const FILTERS: Partial<ClipListFilters>[] = [
  { status: "failed" },
  { model: "v4.5+" },
  { provider: "sunohub" },
  { starred: true },
  { from: new Date(Date.now() - 90 * 86_400_000) },
  { to: new Date(Date.now() - 30 * 86_400_000) },
];

/** Every subset of the filters, in every scope the pages offer. */
function combinations(): { label: string; filters: ClipListFilters }[] {
  const scopes: [string, Pick<ClipListFilters, "scope" | "memberId" | "trash">][] = [
    ["library", { scope: "mine" }],
    ["trash", { scope: "mine", trash: true }],
    ["team", { scope: "team" }],
    ["member", { scope: "member", memberId: member }],
  ];
  const out: { label: string; filters: ClipListFilters }[] = [];
  for (const [name, scope] of scopes) {
    for (let mask = 0; mask < 1 << FILTERS.length; mask++) {
      const chosen = FILTERS.filter((_, i) => mask & (1 << i));
      out.push({ label: `${name} ${chosen.map((f) => Object.keys(f)[0]).join("+") || "unfiltered"}`, filters: Object.assign({ viewer, ...scope }, ...chosen) });
    }
  }
  return out;
}

interface Step {
  id: number;
  parent: number;
  detail: string;
}

function steps(query: ListSql): Step[] {
  return sqlite.prepare(`EXPLAIN QUERY PLAN ${query.text}`).all(query.params) as Step[];
}

const plan = (query: ListSql) => steps(query).map((s) => s.detail);

const cursor = { createdAt: Date.now() - 10 * 86_400_000, id: "m" };

function expectIndexWalk(label: string, query: ListSql, index: string) {
  expect(query.text, label).not.toMatch(/count\s*\(/i);
  const steps = plan(query);
  expect(steps[0], `${label}: ${steps.join(" | ")}`).toMatch(new RegExp(`^SEARCH c USING (COVERING )?INDEX ${index} \\(`));
  expect(
    steps.filter((s) => /TEMP B-TREE/.test(s)),
    `${label}: ${steps.join(" | ")}`,
  ).toEqual([]);
  expect(
    steps.filter((s) => /^SCAN c\b/.test(s)),
    label,
  ).toEqual([]);
  // A page's rows learn "archived?" from the partial index alone, never a media row.
  const media = query.text.includes("media_files") ? ["SEARCH m USING COVERING INDEX media_clip_archived_idx (clip_id=? AND kind=?)"] : [];
  expect(
    steps.filter((s) => /^SEARCH m /.test(s)),
    label,
  ).toEqual(media);
}

/** The in-flight tasks above the library: one probe of the open-task index, no sort. */
function checkOpenTasks() {
  const query = openSongTasksQuery(getDb()).toSQL();
  const params = query.params.map((p) => (typeof p === "object" ? viewer.id : p));
  const details = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...params) as Step[]).map((s) => s.detail);
  expect(details).toEqual(["SEARCH tasks USING INDEX tasks_open_owner_idx (owner_id=?)"]);
}

function checkAll() {
  const cases = combinations();
  expect(cases.length).toBe(4 * 64);
  for (const { label, filters } of cases) {
    const index = scopeIndex(filters);
    expect(index).toBe(filters.scope === "team" ? "clips_team_live_idx" : filters.trash ? "clips_owner_trash_idx" : "clips_owner_live_idx");
    for (const at of [undefined, cursor]) {
      const where = `${label}${at ? " (next page)" : ""}`;
      expectIndexWalk(`${where} page`, pageQuery(filters, at, { limit: 25 }), index);
      expectIndexWalk(`${where} page of summaries`, pageQuery(filters, at, { limit: 25, select: SUMMARY_SELECT }), index);
      expectIndexWalk(`${where} search window`, windowBoundaryQuery(filters, at, SEARCH_WINDOW), index);
      expectIndexWalk(`${where} short-word search`, pageQuery(filters, at, { limit: 25, likeWords: ["爱", "lo"], boundary: { createdAt: 1, id: "a" } }), index);

      // FTS candidates: looked up by rowid; one sort of the candidates' keys inside the
      // co-routine (≤ FTS_CANDIDATE_LIMIT rows) and one of the page itself (≤ limit rows).
      const fts = steps(pageQuery(filters, at, { limit: 25, candidates: [1, 2, 3], likeWords: ["夜"] }));
      const details = fts.map((s) => s.detail);
      const hits = fts.find((s) => s.detail === "CO-ROUTINE hit");
      expect(hits, where).toBeDefined();
      const inner = fts.filter((s) => s.parent === hits!.id).map((s) => s.detail);
      expect(inner.slice(0, 2), where).toEqual(["SCAN j VIRTUAL TABLE INDEX 1:", "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"]);
      expect(
        inner.filter((d) => /TEMP B-TREE/.test(d)),
        where,
      ).toEqual(["USE TEMP B-TREE FOR ORDER BY"]);
      const outer = fts.filter((s) => s.parent === 0).map((s) => s.detail);
      expect(
        outer.filter((d) => /^(SCAN|SEARCH) /.test(d)),
        where,
      ).toEqual(["SCAN hit", "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"]);
      expect(
        outer.filter((d) => /TEMP B-TREE/.test(d)),
        where,
      ).toEqual(["USE TEMP B-TREE FOR ORDER BY"]);
      expect(details.filter((d) => /TEMP B-TREE/.test(d)).length, where).toBe(2);
      expect(
        details.filter((d) => /^SCAN c\b/.test(d)),
        where,
      ).toEqual([]);
    }
  }
  const probe = plan(ftsProbeQuery(["月光下", "midnight"], FTS_CANDIDATE_LIMIT + 1));
  expect(probe).toEqual([expect.stringMatching(/^SCAN clips_fts VIRTUAL TABLE INDEX \d+:M/)]);
}

describe("library query plans", () => {
  it("walk an index in order for every scope and filter combination, as the app runs (no statistics)", () => {
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 0 });
    checkAll();
    checkOpenTasks();
  });

  it("keep the same plans after ANALYZE", () => {
    sqlite.exec("ANALYZE");
    checkAll();
    checkOpenTasks();
  });
});
