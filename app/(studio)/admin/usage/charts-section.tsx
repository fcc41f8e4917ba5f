import type { Viewer } from "@/lib/domain";
import { getLocale, getT } from "@/lib/i18n/server";
import type { MemberQuotaRow } from "@/lib/server/services/quotas";
import { getSongSeriesForAdmin, OTHER_STACK, type SongStack, type UsagePeriod, type UsageReport } from "@/lib/server/services/usage";
import { UsageCharts, type Stack } from "./usage-charts";

/**
 * The charts' data, counted here on the server (from the usage counters) and handed
 * to the client component already labelled in the viewer's language: dates in their
 * locale (UTC days, like the counts), failure reasons by their catalogue names.
 */
export async function ChartsSection({
  admin,
  period,
  failures,
  quotas,
  reason,
}: {
  admin: Viewer;
  period: UsagePeriod;
  failures: UsageReport["failures"];
  quotas: MemberQuotaRow[];
  reason: (code: string) => string;
}) {
  const t = await getT("usage");
  const locale = await getLocale();
  const series = getSongSeriesForAdmin(admin, period);
  const label = new Intl.DateTimeFormat(locale, series.unit === "day" ? { month: "short", day: "numeric", timeZone: "UTC" } : { year: "numeric", month: "short", timeZone: "UTC" });
  const bucketDate = (key: string) => new Date(series.unit === "day" ? `${key}T00:00:00Z` : `${key}-01T00:00:00Z`);
  const stacks = (list: SongStack[], other: string): Stack[] =>
    list.map((s) => (s.id === OTHER_STACK ? { name: other, values: s.values, rest: true } : { name: s.name, values: s.values }));

  return (
    <UsageCharts
      data={{
        locale,
        buckets: series.buckets.map((k) => label.format(bucketDate(k))),
        byMember: stacks(series.byMember, t("charts.other")),
        byProvider: stacks(series.byProvider, t("charts.otherProviders")),
        failures: failures.map((f) => ({ label: reason(f.code), count: f.count })),
        quotas: quotas.map((m) => ({ name: m.name, today: { used: m.daily.used, limit: m.daily.limit }, month: { used: m.monthly.used, limit: m.monthly.limit } })),
      }}
      text={{
        songsTitle: series.unit === "day" ? t("charts.songsTitle") : t("charts.songsTitleMonth"),
        songsDescription: t("charts.songsDescription"),
        byMember: t("charts.byMember"),
        byProvider: t("charts.byProvider"),
        stackBy: t("charts.stackBy"),
        failuresTitle: t("failures"),
        failuresDescription: t("charts.failuresDescription"),
        tasks: t("charts.tasks"),
        quotaTitle: t("charts.quotaTitle"),
        quotaDescription: t("charts.quotaDescription"),
        today: t("quota.today"),
        thisMonth: t("quota.thisMonth"),
        used: t("charts.used"),
        limit: t("charts.limit"),
        period: t("charts.period"),
      }}
    />
  );
}
