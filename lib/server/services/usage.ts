import { AppError } from "@/lib/errors";
import { getUsageReport, type UsagePeriod, type UsageReport } from "@/lib/server/data/usage";

export type { UsageCounts, UsagePeriod, UsageReport } from "@/lib/server/data/usage";

/** /admin/usage: the team's usage over a period, for admins only (answered from the usage counters). */
export function getUsageReportForAdmin(actor: { role: string }, period: UsagePeriod): UsageReport {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can see usage.", { key: "common.errors.forbidden" });
  return getUsageReport(period);
}
