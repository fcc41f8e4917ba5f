import { getLocale, getT } from "@/lib/i18n/server";
import type { QuotaStatus } from "@/lib/schemas/quotas";
import type { MemberQuotaRow } from "@/lib/server/services/quotas";

/** Each member's songs today and this month (UTC) against their limits, whatever range the tables below show. */
export async function QuotaUsage({ members }: { members: MemberQuotaRow[] }) {
  const t = await getT("usage");
  const number = new Intl.NumberFormat(await getLocale());
  const cell = (p: QuotaStatus["daily"]) => {
    const reached = p.limit !== null && p.used >= p.limit;
    const text = p.limit === null ? t("quota.usedUnlimited", { used: number.format(p.used) }) : t("quota.used", { used: number.format(p.used), limit: number.format(p.limit) });
    return (
      <td className={`text-right ${reached ? "font-medium text-amber-700 dark:text-amber-300" : ""}`}>
        {text}
        {reached ? <span className="badge ml-2">{t("quota.reached")}</span> : null}
      </td>
    );
  };
  return (
    <section className="card overflow-x-auto p-0" aria-labelledby="usage-quotas-h" data-testid="usage-quotas">
      <h2 id="usage-quotas-h" className="px-5 pt-4 font-semibold">
        {t("quota.title")}
      </h2>
      <p className="px-5 pb-2 text-sm muted">{t("quota.lead")}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("columns.member")}</th>
            <th scope="col" className="text-right">
              {t("quota.today")}
            </th>
            <th scope="col" className="text-right">
              {t("quota.thisMonth")}
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {members.map((m) => (
            <tr key={m.userId} data-testid={`usage-quota-${m.email}`}>
              <th scope="row" className="font-medium">
                {m.name}
              </th>
              {cell(m.daily)}
              {cell(m.monthly)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
