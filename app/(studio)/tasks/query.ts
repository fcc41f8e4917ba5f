import { searchParamsRecord } from "@/lib/schemas/clips";
import { taskListQuerySchema, type TaskListQuery } from "@/lib/schemas/tasks";
import type { TaskFilterValues } from "./task-filters";

type RawParams = Record<string, string | string[] | undefined>;
const KEYS = ["scope", "status", "kind", "provider", "cursor"] as const;

/**
 * /tasks's searchParams through the API's schema. A bookmark with a stale or hand-edited
 * value still opens: that value is dropped instead of failing the page, and a member's
 * scope=all is simply their own history.
 */
export function parseTaskParams(searchParams: RawParams, isAdmin: boolean): { query: TaskListQuery; values: TaskFilterValues } {
  const given = searchParamsRecord(searchParams);
  const record: Record<string, string> = {};
  for (const key of KEYS) if (given[key] !== undefined) record[key] = given[key];
  if (record.scope !== "all" || !isAdmin) delete record.scope;

  let parsed = taskListQuerySchema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) delete record[String(issue.path[0])];
    parsed = taskListQuerySchema.safeParse(record);
  }
  const query = parsed.success ? parsed.data : taskListQuerySchema.parse({});
  return { query, values: { scope: record.scope, status: record.status, kind: record.kind, provider: record.provider } };
}

/** The history's URL for these filters (and a page of them). */
export function tasksHref(values: TaskFilterValues, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (cursor) params.set("cursor", cursor);
  const qs = params.toString();
  return qs ? `/tasks?${qs}` : "/tasks";
}
