import type { ClipState } from "@/lib/dto";
import { clipVisibleSql, type ClipViewer } from "./clip-access";
import type { ClipCursor } from "./clip-cursor";
import { ftsMatchExpression, likeClause, likePattern } from "./clip-search";
import { LIBRARY_SELECT } from "./clip-rows";

// The library's SQL, built from a fixed set of fragments so every combination of
// filters is a known, prepared query shape whose plan the PERF-1 test checks.
// Each scope walks one index newest first: mine and member clips_owner_live_idx,
// team clips_team_live_idx, the trash clips_owner_trash_idx (partial indexes over
// (created_at, id) that also carry the filter columns). Every filter is a residual
// check read from the index entry, so a page never sorts, reads table rows only for
// the clips it returns, and stops after `limit` rows. INDEXED BY pins those plans:
// SQLite documents it for exactly this, turning a plan that a schema change or
// ANALYZE would silently alter into an error.

export type ClipScope = "mine" | "team" | "member";

export interface ClipListFilters {
  viewer: ClipViewer;
  scope: ClipScope;
  memberId?: string;
  status?: ClipState;
  model?: string;
  provider?: string;
  starred?: boolean;
  from?: Date;
  to?: Date;
  /** Scope mine only: the viewer's soft-deleted clips instead of the live ones. */
  trash?: boolean;
}

export interface ListSql {
  text: string;
  params: Record<string, string | number>;
}

const ORDER = "ORDER BY c.created_at DESC, c.id DESC";

export function scopeIndex(f: Pick<ClipListFilters, "scope" | "trash">): string {
  if (f.scope === "team") return "clips_team_live_idx";
  return f.scope === "mine" && f.trash ? "clips_owner_trash_idx" : "clips_owner_live_idx";
}

const compareKeys = (a: ClipCursor, b: ClipCursor) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The smallest (direction -1) or largest (1) of the given (created_at, id) bounds. */
function tightest(bounds: (ClipCursor | undefined | false)[], direction: 1 | -1): ClipCursor | undefined {
  return bounds.filter((b): b is ClipCursor => Boolean(b)).reduce<ClipCursor | undefined>((best, b) => (!best || compareKeys(b, best) * direction > 0 ? b : best), undefined);
}

function conditions(f: ClipListFilters, cursor: ClipCursor | undefined, boundary?: ClipCursor) {
  const where: string[] = [];
  const params: Record<string, string | number> = { viewer: f.viewer.id };
  if (f.scope === "mine") {
    where.push("c.owner_id = @viewer", f.trash ? "c.deleted_at IS NOT NULL" : "c.deleted_at IS NULL");
  } else if (f.scope === "team") {
    where.push("c.visibility = 'team'", "c.deleted_at IS NULL");
  } else {
    if (!f.memberId) throw new Error("scope member needs a memberId");
    where.push("c.owner_id = @member", "c.visibility = 'team'", "c.deleted_at IS NULL");
    params.member = f.memberId;
  }
  // Each scope above picks an index and narrows the rows; the access rule itself is
  // the one every other clip read uses, so a scope can never widen what a viewer sees.
  where.push(clipVisibleSql({ includeDeleted: f.scope === "mine" && f.trash }));
  if (f.status) {
    where.push("c.state = @status");
    params.status = f.status;
  }
  if (f.model) {
    where.push("c.model = @model");
    params.model = f.model;
  }
  if (f.provider) {
    where.push("c.provider_id = @provider");
    params.provider = f.provider;
  }
  if (f.starred) where.push("EXISTS (SELECT 1 FROM stars st WHERE st.user_id = @viewer AND st.clip_id = c.id)");
  // Date range, cursor and search window all bound (created_at, id); folding them into
  // one lower and one upper bound keeps the index range simple for the planner.
  const upper = tightest([cursor, f.to && { createdAt: f.to.getTime() + 1, id: "" }], -1);
  const lower = tightest([boundary, f.from && { createdAt: f.from.getTime(), id: "" }], 1);
  if (upper) {
    where.push("(c.created_at, c.id) < (@beforeAt, @beforeId)");
    Object.assign(params, { beforeAt: upper.createdAt, beforeId: upper.id });
  }
  if (lower) {
    where.push("(c.created_at, c.id) >= (@fromAt, @fromId)");
    Object.assign(params, { fromAt: lower.createdAt, fromId: lower.id });
  }
  return { where, params };
}

export interface PageOptions {
  limit: number;
  /** Every word must appear (LIKE) in title, lyrics, style or prompt. */
  likeWords?: string[];
  /** Clip rowids found by FTS5: the page is drawn from these instead of walking an index. */
  candidates?: number[];
  /** Lower end of a bounded walk (inclusive): the search window's last row. */
  boundary?: ClipCursor;
  /** The select list over `clips c`: LIBRARY_SELECT (whole rows, the default) or SUMMARY_SELECT. */
  select?: string;
}

/** One page, newest first; ask for limit + 1 rows to learn whether more follow. */
export function pageQuery(f: ClipListFilters, cursor: ClipCursor | undefined, o: PageOptions): ListSql {
  const { where, params } = conditions(f, cursor, o.boundary);
  (o.likeWords ?? []).forEach((word, i) => {
    where.push(likeClause(`like${i}`));
    params[`like${i}`] = likePattern(word);
  });
  params.limit = o.limit;
  const filter = where.join(" AND ");
  const select = o.select ?? LIBRARY_SELECT;
  if (!o.candidates) {
    return { text: `SELECT ${select} FROM clips c INDEXED BY ${scopeIndex(f)} WHERE ${filter} ${ORDER} LIMIT @limit`, params };
  }
  // FTS candidates are few (bounded by the probe): look them up by rowid (CROSS JOIN
  // and NOT INDEXED keep SQLite from walking an index to test membership instead),
  // sort just their keys, and only then build the page's rows.
  params.candidates = JSON.stringify(o.candidates);
  const hits = `SELECT c.rowid AS rid FROM json_each(@candidates) j CROSS JOIN clips c NOT INDEXED ON c.rowid = j.value WHERE ${filter} ${ORDER} LIMIT @limit`;
  return { text: `SELECT ${select} FROM (${hits}) hit CROSS JOIN clips c NOT INDEXED ON c.rowid = hit.rid ${ORDER}`, params };
}

/**
 * Where a LIKE search stops: the `window`-th row of the walk. Searching a word the
 * trigram index cannot serve reads at most this many rows per page, however rare
 * the word, and the page's cursor continues from there.
 */
export function windowBoundaryQuery(f: ClipListFilters, cursor: ClipCursor | undefined, window: number): ListSql {
  const { where, params } = conditions(f, cursor);
  params.offset = window - 1;
  const text = `SELECT c.created_at AS created_at, c.id AS id FROM clips c INDEXED BY ${scopeIndex(f)} WHERE ${where.join(" AND ")} ${ORDER} LIMIT 1 OFFSET @offset`;
  return { text, params };
}

/** Up to `limit` clip rowids whose text contains every indexed word. */
export function ftsProbeQuery(words: string[], limit: number): ListSql {
  return { text: "SELECT rowid FROM clips_fts WHERE clips_fts MATCH @match LIMIT @limit", params: { match: ftsMatchExpression(words), limit } };
}
