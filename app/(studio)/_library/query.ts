import { clipListQuerySchema, searchParamsRecord, type ClipListQuery } from "@/lib/schemas/clips";
import { FILTER_KEYS, type FilterValues } from "./filter-keys";

type RawParams = Record<string, string | string[] | undefined>;

export interface LibraryParams {
  query: ClipListQuery;
  /** The filters as they appear in the URL, for the form and for "Load more". */
  values: FilterValues;
  hasFilters: boolean;
}

/**
 * A page's searchParams through the same schema the clips API uses. A bookmark with
 * one stale or hand-edited value (an unknown status, a bad date) still opens: that
 * value is dropped instead of failing the whole page.
 */
export function parseLibraryParams(searchParams: RawParams, fixed: Record<string, string>): LibraryParams {
  const record: Record<string, string> = {};
  const given = searchParamsRecord(searchParams);
  for (const key of FILTER_KEYS) if (given[key] !== undefined) record[key] = given[key];
  Object.assign(record, fixed);

  let parsed = clipListQuerySchema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) delete record[String(issue.path[0])];
    parsed = clipListQuerySchema.safeParse(record);
  }
  const query = parsed.success ? parsed.data : clipListQuerySchema.parse(fixed);

  const values: FilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = record[key]?.trim();
    if (value && !(key in fixed)) values[key] = value;
  }
  return { query, values, hasFilters: Object.keys(values).length > 0 };
}

/** A stable key for a filtered view: a new one remounts the list and the form. */
export function viewKey(values: FilterValues): string {
  return FILTER_KEYS.map((k) => `${k}=${values[k] ?? ""}`).join("&");
}
