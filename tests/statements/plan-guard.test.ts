import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runMigrations } from "@/lib/server/db/migrate";
import { allowanceFor } from "./allowlist";
import { guardedTables, planProblems, type PlanStep } from "./plan-guard";

const GUARDED = new Set(["clips", "tasks", "media_files", "stars"]);

/** Plan rows as EXPLAIN QUERY PLAN returns them: [id, parent, detail]. */
const plan = (...steps: [number, number, string][]): PlanStep[] => steps.map(([id, parent, detail]) => ({ id, parent, detail }));

const EXTRAS = (archived: string) =>
  `(select u.name from users u where u.id = "owner_id") as "owner_name", exists (select 1 from stars s where s.user_id = ? and s.clip_id = "id") as "starred", ` +
  `exists (select 1 from media_files m indexed by media_clip_archived_idx where m.clip_id = ${archived} and m.kind = 'audio' and m.status = 'archived') as "archived"`;

describe("the plan guard", () => {
  it("passes an indexed lookup", () => {
    const sql = `select * from "clips" where "clips"."task_id" = ?`;
    expect(planProblems(sql, plan([3, 0, "SEARCH clips USING INDEX clips_task_idx (task_id=?)"]), GUARDED)).toEqual([]);
  });

  it("fails a bare scan of clips, also behind an alias", () => {
    expect(planProblems(`select * from "clips" where "state" = ?`, plan([2, 0, "SCAN clips"]), GUARDED)).toEqual(["full scan of clips: SCAN clips"]);
    expect(planProblems(`SELECT c.id FROM clips c WHERE c.state = ?`, plan([2, 0, "SCAN c"]), GUARDED)).toEqual(["full scan of clips: SCAN c"]);
  });

  it("lets a LIMITed page walk an index, but not a whole-index count", () => {
    const walk = plan([2, 0, "SCAN c USING COVERING INDEX clips_team_live_idx"]);
    expect(planProblems("SELECT c.id FROM clips c ORDER BY created_at DESC LIMIT 25", walk, GUARDED)).toEqual([]);
    expect(planProblems("SELECT count(*) FROM clips c", walk, GUARDED)).toEqual(["reads all of an index on clips (no LIMIT): SCAN c USING COVERING INDEX clips_team_live_idx"]);
  });

  it("fails the uncorrelated archived subquery Drizzle wrote for a clip read", () => {
    // m.clip_id = "id" resolves to m.id: the subquery no longer depends on the clip.
    const sql = `select "id", "title", ${EXTRAS(`"id"`)} from "clips" where "clips"."id" = ?`;
    const steps = plan(
      [2, 0, "SEARCH clips USING INDEX sqlite_autoindex_clips_1 (id=?)"],
      [5, 0, "CORRELATED SCALAR SUBQUERY 1"],
      [9, 5, "SEARCH u USING INDEX sqlite_autoindex_users_1 (id=?)"],
      [11, 0, "CORRELATED SCALAR SUBQUERY 2"],
      [15, 11, "SEARCH s USING COVERING INDEX sqlite_autoindex_stars_1 (user_id=? AND clip_id=?)"],
      [20, 0, "SCALAR SUBQUERY 3"],
      [24, 20, "SCAN m USING INDEX media_clip_archived_idx"],
    );
    expect(planProblems(sql, steps, GUARDED)).toEqual(["uncorrelated subquery walks media_files (SCALAR SUBQUERY 3: SCAN m USING INDEX media_clip_archived_idx)"]);
  });

  it("passes the same subquery once it is correlated, and an uncorrelated one that looks rows up by key", () => {
    const correlated = plan(
      [2, 0, "SEARCH c USING INDEX sqlite_autoindex_clips_1 (id=?)"],
      [20, 0, "CORRELATED SCALAR SUBQUERY 3"],
      [24, 20, "SEARCH m USING COVERING INDEX media_clip_archived_idx (clip_id=? AND kind=?)"],
    );
    expect(planProblems(`SELECT c.*, ${EXTRAS("c.id")} FROM clips c WHERE c.id = ?`, correlated, GUARDED)).toEqual([]);
    const starredIds = plan(
      [2, 0, "SEARCH clips USING INDEX sqlite_autoindex_clips_1 (id=?)"],
      [6, 0, "LIST SUBQUERY 1"],
      [8, 6, "SEARCH stars USING COVERING INDEX sqlite_autoindex_stars_1 (user_id=?)"],
    );
    expect(planProblems("select id from clips where id in (select clip_id from stars where user_id = ?)", starredIds, GUARDED)).toEqual([]);
  });

  it("fails an automatic index, which SQLite builds by reading the whole table", () => {
    const steps = plan([2, 0, "SCAN users"], [4, 0, "SEARCH t USING AUTOMATIC COVERING INDEX (owner_id=?)"]);
    expect(planProblems("SELECT * FROM users JOIN tasks t ON t.owner_id = users.id", steps, GUARDED)).toEqual([
      "builds an automatic index over all of tasks: SEARCH t USING AUTOMATIC COVERING INDEX (owner_id=?)",
    ]);
  });

  it("lets an allowlisted statement scan: a migration's backfill, but not the same SQL from a data module", () => {
    const sql = "INSERT INTO clips_fts (rowid, clip_id, title) SELECT rowid, id, title FROM clips";
    expect(planProblems(sql, plan([2, 0, "SCAN clips"]), GUARDED)).not.toEqual([]);
    expect(allowanceFor({ sql, where: ["lib/server/db/migrate.ts:22", "lib/server/db/client.ts:75"] })?.reason).toMatch(/migration/);
    expect(allowanceFor({ sql, where: ["lib/server/data/clips.ts:40"] })).toBeUndefined();
  });

  it("guards every table of the schema, and one added later, but not the small ones or the full-text index", () => {
    const sqlite = new Database(":memory:");
    runMigrations(sqlite);
    sqlite.exec("CREATE TABLE guard_things (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL)");
    const guarded = guardedTables(sqlite);
    sqlite.close();
    expect([...guarded].sort()).toEqual([
      "api_tokens",
      "clip_waveforms",
      "clips",
      "guard_things",
      "login_attempts",
      "media_files",
      "playlist_items",
      "playlists",
      "shares",
      "stars",
      "task_events",
      "tasks",
      "uploads",
      "usage_days",
      "usage_failure_days",
      "webhook_deliveries",
    ]);
  });
});
