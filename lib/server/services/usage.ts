import type { Viewer } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { getMonthSummary, type MonthSummary } from "@/lib/server/data/month-summary";
import { getUsageReport, type UsagePeriod, type UsageReport } from "@/lib/server/data/usage";
import { firstUsageDay, getSongSeries, type UsageSeries } from "@/lib/server/data/usage-series";

export type { UsageCounts, UsagePeriod, UsageReport } from "@/lib/server/data/usage";
export { OTHER_STACK, type SongStack, type UsageSeries } from "@/lib/server/data/usage-series";
export type { MonthSummary } from "@/lib/server/data/month-summary";

function assertAdmin(actor: { role: string }) {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can see usage.", { key: "common.errors.forbidden" });
}

/** /admin/usage: the team's usage over a period, for admins only (answered from the usage counters). */
export function getUsageReportForAdmin(actor: { role: string }, period: UsagePeriod): UsageReport {
  assertAdmin(actor);
  return getUsageReport(period);
}

/**
 * The /admin/usage chart: songs per day (or month) over the period. An open start is
 * the first day anything was made; an open end is today (UTC), so "all time" charts
 * the whole history and never runs into the future.
 */
export function getSongSeriesForAdmin(actor: { role: string }, period: UsagePeriod, now = new Date()): UsageSeries {
  assertAdmin(actor);
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const firstDay = period.from ? null : firstUsageDay();
  const first = period.from ?? (firstDay ? new Date(`${firstDay}T00:00:00Z`) : tomorrow);
  return getSongSeries({ from: first, to: period.to ?? tomorrow });
}

/** The Library header's month at a glance: the viewer's own songs only. */
export function getMyMonthSummary(viewer: Pick<Viewer, "id">, now = new Date()): MonthSummary {
  return getMonthSummary(viewer.id, now);
}
