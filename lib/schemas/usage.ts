import { z } from "zod";
import { searchParamsRecord } from "./clips";

// The /admin/usage date range: ?from=YYYY-MM-DD&to=YYYY-MM-DD, whole UTC days, `to`
// included. A hand-edited or stale URL never breaks the page: it reports all time
// and says which field is wrong. Error messages are catalogue keys (usage.range).

const day = z.iso.date({ error: "invalidDate" }).optional();

export const usageRangeSchema = z.object({ from: day, to: day }).refine((r) => !r.from || !r.to || r.from <= r.to, { path: ["to"], error: "toBeforeFrom" });

export interface UsageRange {
  /** The days as the URL gave them, for the form. */
  values: { from?: string; to?: string };
  errors: { from?: string; to?: string };
  /** The instants to report on: `to` is exclusive, the start of the day after. Empty when invalid. */
  period: { from?: Date; to?: Date };
}

export function parseUsageRange(searchParams: Record<string, string | string[] | undefined>): UsageRange {
  const given = searchParamsRecord(searchParams);
  // Echoed into the form, so cut to a date's length whatever the URL held.
  const values = { from: given.from?.slice(0, 10), to: given.to?.slice(0, 10) };
  const parsed = usageRangeSchema.safeParse({ from: given.from, to: given.to });
  if (!parsed.success) {
    const errors: UsageRange["errors"] = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as "from" | "to"] ??= issue.message;
    return { values, errors, period: {} };
  }
  const start = (d: string) => Date.parse(`${d}T00:00:00.000Z`);
  const { from, to } = parsed.data;
  return {
    values,
    errors: {},
    period: { from: from ? new Date(start(from)) : undefined, to: to ? new Date(start(to) + 86_400_000) : undefined },
  };
}
