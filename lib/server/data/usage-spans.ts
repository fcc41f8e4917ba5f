// Splits a report period into what the usage counters can answer cheaply: the whole
// calendar months inside it (one usage_months row per member and provider each) and
// the days at its ragged edges (usage_days). At most two partial months of days are
// read, so a period of any length costs about as much as its number of months.

export interface UsagePeriod {
  from?: Date;
  /** Exclusive. Both ends widen to whole UTC days: counters know days, not hours. */
  to?: Date;
}

/** Inclusive ranges of 'YYYY-MM' months and 'YYYY-MM-DD' days; an open end is unbounded. */
export interface UsageSpans {
  months: { from?: string; to?: string } | null;
  days: { from: string; to: string }[];
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return dayOf(new Date(Date.UTC(y, m, 0)));
}

export function splitUsagePeriod(p: UsagePeriod): UsageSpans {
  const first = p.from ? dayOf(p.from) : undefined;
  const last = p.to ? dayOf(new Date(p.to.getTime() - 1)) : undefined;
  if (first && last && first > last) return { months: null, days: [] };

  const startsOnMonth = first === undefined || first.endsWith("-01");
  const endsOnMonth = last === undefined || last === lastDayOf(last.slice(0, 7));
  const months = {
    from: first && (startsOnMonth ? first.slice(0, 7) : shiftMonth(first.slice(0, 7), 1)),
    to: last && (endsOnMonth ? last.slice(0, 7) : shiftMonth(last.slice(0, 7), -1)),
  };
  // Both ends inside the same or neighbouring months: no whole month between them.
  if (months.from && months.to && months.from > months.to) return { months: null, days: [{ from: first!, to: last! }] };

  const days: UsageSpans["days"] = [];
  if (!startsOnMonth) days.push({ from: first!, to: lastDayOf(first!.slice(0, 7)) });
  if (!endsOnMonth) days.push({ from: `${last!.slice(0, 7)}-01`, to: last! });
  return { months, days };
}
