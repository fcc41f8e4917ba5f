import type { ClipViewer } from "./clip-access";
import { clipVisibleSql } from "./clip-access";
import type { ClipCursor } from "./clip-cursor";
import { pageQuery } from "./clip-list-sql";
import { fromRawRow, LIBRARY_SELECT, prepared, type LibraryClipRow } from "./clip-rows";

// The clips an export walks, a page at a time (PERF-8): each page is one short read
// on its own, so no statement or transaction stays open while the ZIP waits for disk
// or a slow client. "Mine" is the library's own newest-first walk over
// clips_owner_live_idx; "starred" walks the stars primary key (user, clip) and reads
// each clip under the one access rule, so a star on a clip that went private or to
// its owner's trash exports nothing.

export const EXPORT_PAGE = 100;

/** My live clips created before `before` (the moment the export started), newest first. */
export function pageMyClips(viewer: ClipViewer, cursor: ClipCursor): LibraryClipRow[] {
  const query = pageQuery({ viewer, scope: "mine" }, cursor, { limit: EXPORT_PAGE });
  return (prepared(query.text).all(query.params) as Record<string, unknown>[]).map(fromRawRow);
}

export function countMyClips(viewer: ClipViewer, before: number): number {
  const text = `SELECT count(*) FROM clips c INDEXED BY clips_owner_live_idx WHERE c.owner_id = @viewer AND c.deleted_at IS NULL AND c.created_at < @before`;
  return prepared(text).pluck().get({ viewer: viewer.id, before }) as number;
}

const STARRED_FROM = `FROM stars st CROSS JOIN clips c ON c.id = st.clip_id WHERE st.user_id = @viewer AND ${clipVisibleSql()}`;

/** My starred clips that I may still see, in the stars key's order, after clip id `afterId`. */
export function pageStarredClips(viewer: ClipViewer, afterId: string): LibraryClipRow[] {
  const text = `SELECT ${LIBRARY_SELECT} ${STARRED_FROM} AND st.clip_id > @after ORDER BY st.clip_id LIMIT @limit`;
  return (prepared(text).all({ viewer: viewer.id, after: afterId, limit: EXPORT_PAGE }) as Record<string, unknown>[]).map(fromRawRow);
}

export function countStarredClips(viewer: ClipViewer): number {
  return prepared(`SELECT count(*) ${STARRED_FROM}`).pluck().get({ viewer: viewer.id }) as number;
}
