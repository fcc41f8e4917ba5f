import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getT } from "@/lib/i18n/server";
import { parseUsageRange, type UsageRange } from "@/lib/schemas/usage";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { listMemberQuotas } from "@/lib/server/services/quotas";
import { getUsageReportForAdmin, type UsageCounts } from "@/lib/server/services/usage";
import { AdminNav } from "../admin-nav";
import { LowBalanceBanner } from "../low-balance-banner";
import { ChartsSection } from "./charts-section";
import { QuotaUsage } from "./quota-usage";
import { UsageRangeForm } from "./usage-range-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("usage"))("title") };
}

type Row = UsageCounts & { key: string; label: ReactNode };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Who made what, where, and when it went wrong, over a chosen range of days: charts to see it, tables below for exact numbers. */
export default async function AdminUsagePage({ searchParams }: Props) {
  const admin = await requirePageAdmin("/admin/usage");
  const t = await getT("usage");
  const tasksT = await getT("tasks");
  const locale = await getLocale();
  const range = parseUsageRange(await searchParams);
  const report = getUsageReportForAdmin(admin, range.period);
  const { members: quotas } = listMemberQuotas(admin);
  const number = new Intl.NumberFormat(locale);
  const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
  const monthLabel = (ym: string) => (/^\d{4}-\d{2}$/.test(ym) ? month.format(new Date(`${ym}-01T00:00:00Z`)) : ym);
  const reason = (code: string) => (tasksT.has(`errors.${code}` as "errors.unknown") ? tasksT(`errors.${code}` as "errors.unknown") : code);
  const empty = report.byMember.length === 0;

  const table = (title: string, keyHeader: string, rows: Row[], testId: string) => (
    <section className="card overflow-x-auto p-0" aria-labelledby={`${testId}-h`} data-testid={testId}>
      <h2 id={`${testId}-h`} className="px-5 pt-4 pb-2 font-semibold">
        {title}
      </h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" className="text-right">
              {t("columns.tasks")}
            </th>
            <th scope="col" className="text-right">
              {t("columns.failed")}
            </th>
            <th scope="col" className="text-right">
              {t("columns.clips")}
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="font-medium">
                {r.label}
              </th>
              <td className="text-right">{number.format(r.tasks)}</td>
              <td className={`text-right ${r.failedTasks > 0 ? "text-red-600 dark:text-red-400" : ""}`}>{number.format(r.failedTasks)}</td>
              <td className="text-right">{number.format(r.clips)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="tabular-nums">
          <Totals label={t("total")} rows={rows} format={number} />
        </tfoot>
      </table>
    </section>
  );

  return (
    <div className="space-y-6">
      <AdminNav />
      <LowBalanceBanner admin={admin} />
      <div>
        <h1 className="text-2xl font-semibold">
          {t("title")}{" "}
          <span className="font-normal muted" data-testid="usage-period">
            · {periodLabel(range, t, locale)}
          </span>
        </h1>
        <p className="mt-1 max-w-3xl text-sm muted">{t("lead")}</p>
      </div>
      <QuotaUsage members={quotas} />
      <UsageRangeForm range={range} />
      {empty ? (
        <p className="card text-sm muted" data-testid="usage-empty">
          {range.period.from || range.period.to ? t("emptyPeriod") : t("empty")}
        </p>
      ) : (
        <>
          <ChartsSection admin={admin} period={range.period} failures={report.failures} quotas={quotas} reason={reason} />
          <div className="grid gap-6 xl:grid-cols-2">
            {table(
              t("byMember"),
              t("columns.member"),
              report.byMember.map((r) => ({ ...r, key: r.userId, label: r.name })),
              "usage-members",
            )}
            {table(
              t("byProvider"),
              t("columns.provider"),
              report.byProvider.map((r) => ({ ...r, key: r.providerId, label: r.name })),
              "usage-providers",
            )}
          </div>
          <div className="grid gap-6 xl:grid-cols-2">
            {table(
              t("byMonth"),
              t("columns.month"),
              report.byMonth.map((r) => ({ ...r, key: r.month, label: monthLabel(r.month) })),
              "usage-months",
            )}
            <section className="card overflow-x-auto p-0" aria-labelledby="usage-failures-h" data-testid="usage-failures">
              <h2 id="usage-failures-h" className="px-5 pt-4 pb-2 font-semibold">
                {t("failures")}
              </h2>
              {report.failures.length === 0 ? (
                <p className="px-5 pb-5 text-sm muted">{t("noFailures")}</p>
              ) : (
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.reason")}</th>
                      <th scope="col" className="text-right">
                        {t("columns.count")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="tabular-nums">
                    {report.failures.map((f) => (
                      <tr key={f.code}>
                        <th scope="row" className="font-medium">
                          {reason(f.code)} <span className="ml-1 font-mono text-xs font-normal muted">{f.code}</span>
                        </th>
                        <td className="text-right">{number.format(f.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/** "All time", "Since 1 Jan 2024", or the range itself; the days are UTC, like the counts. */
function periodLabel(range: UsageRange, t: Awaited<ReturnType<typeof getT<"usage">>>, locale: string): string {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const { from, to } = range.period;
  const last = to && new Date(to.getTime() - 1);
  if (from && last) return day.formatRange(from, last);
  if (from) return t("period.since", { date: day.format(from) });
  if (last) return t("period.until", { date: day.format(last) });
  return t("period.all");
}

function Totals({ label, rows, format }: { label: string; rows: UsageCounts[]; format: Intl.NumberFormat }) {
  const sum = (pick: (r: UsageCounts) => number) => format.format(rows.reduce((s, r) => s + pick(r), 0));
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="text-right">{sum((r) => r.tasks)}</td>
      <td className="text-right">{sum((r) => r.failedTasks)}</td>
      <td className="text-right">{sum((r) => r.clips)}</td>
    </tr>
  );
}
