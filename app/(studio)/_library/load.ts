import type { ClipListQuery } from "@/lib/schemas/clips";
import type { Viewer } from "@/lib/server/auth/session";
import { listProviderNames } from "@/lib/server/services/provider-catalog";
import { listLibrarySummaries } from "@/lib/server/services/library";
import { toCardData, type ClipCardData } from "../_clip/card-data";

// A search page may come back short, even empty, with a cursor: the data layer reads
// a bounded window of rows per call. The first render keeps reading a few windows so
// a search over a big library does not open on "nothing here" while matches exist.
const SEARCH_ROUNDS = 4;

export interface FirstPage {
  items: ClipCardData[];
  nextCursor: string | null;
  providerNames: Map<string, string>;
}

export function loadFirstPage(viewer: Viewer, query: ClipListQuery): FirstPage {
  const names = listProviderNames();
  const page = listLibrarySummaries(viewer, query);
  const items = page.items;
  let cursor = page.nextCursor;
  for (let round = 1; query.q && cursor && items.length < query.limit && round < SEARCH_ROUNDS; round++) {
    const more = listLibrarySummaries(viewer, { ...query, cursor });
    items.push(...more.items);
    cursor = more.nextCursor;
  }
  return { items: items.map((c) => toCardData(c, names)), nextCursor: cursor, providerNames: names };
}
