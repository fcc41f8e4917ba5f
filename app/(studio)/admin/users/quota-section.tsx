import { getT } from "@/lib/i18n/server";
import type { Viewer } from "@/lib/domain";
import { listMemberQuotas } from "@/lib/server/services/quotas";
import { MemberQuotaForm, TeamQuotaForm } from "./quota-forms";

/** Admin → Users → Spending limits: the team default and each member's own limits (REL-13). */
export async function QuotaSection({ admin }: { admin: Viewer }) {
  const t = await getT("admin");
  const { team, members } = listMemberQuotas(admin);
  return (
    <section className="card space-y-4" aria-labelledby="quotas-heading" data-testid="quotas">
      <div>
        <h2 id="quotas-heading" className="font-semibold">
          {t("quotas.title")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm muted">{t("quotas.lead")}</p>
      </div>
      <div>
        <h3 className="text-sm font-semibold">{t("quotas.teamTitle")}</h3>
        <p className="mb-2 text-xs muted">{t("quotas.teamLead")}</p>
        <TeamQuotaForm team={team} />
      </div>
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-end justify-between gap-3 py-3" data-testid={`quota-member-${m.email}`}>
            <div className="min-w-40">
              <p className="font-medium">{m.name}</p>
              <p className="text-xs muted">{m.email}</p>
            </div>
            <MemberQuotaForm userId={m.userId} own={m.own} team={team} />
          </li>
        ))}
      </ul>
    </section>
  );
}
