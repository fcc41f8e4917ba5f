import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getT } from "@/lib/i18n/server";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { listProvidersForAdmin, type AdminProviderDto } from "@/lib/server/services/providers";
import { ProviderBalance } from "./provider-balance";
import { AdminNav } from "../admin-nav";
import { LowBalanceBanner } from "../low-balance-banner";
import { ProviderActions } from "./provider-actions";
import { displayName, type ProvidersT } from "./provider-name";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("providers"))("title") };
}

export default async function ProvidersPage() {
  const admin = await requirePageAdmin("/admin/providers");
  const t = await getT("providers");
  const providers = listProvidersForAdmin(admin);
  const locale = await getLocale();
  return (
    <div className="space-y-6">
      <AdminNav />
      <LowBalanceBanner admin={admin} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="mt-1 max-w-2xl text-sm muted">{t("lead")}</p>
        </div>
        <Link href="/admin/providers/new" className="btn-primary">
          {t("add")}
        </Link>
      </div>
      {providers.length === 0 ? (
        <p className="card text-sm muted">{t("empty")}</p>
      ) : (
        <ul className="space-y-4">
          {providers.map((p) => (
            <ProviderCard key={p.id} provider={p} t={t} locale={locale} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ProviderCard({ provider: p, t, locale }: { provider: AdminProviderDto; t: ProvidersT; locale: string }) {
  const name = displayName(p, t);
  return (
    <li className="card space-y-4" data-testid="provider" data-provider-id={p.id}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-1 text-base font-semibold">{name}</h2>
        <span className={`badge ${p.enabled ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300" : ""}`}>
          {p.enabled ? t("status.enabled") : t("status.disabled")}
        </span>
        <span className="badge">{t(`source.${p.source}`)}</span>
        {p.balance.low ? <span className="badge bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300">{t("balance.low")}</span> : null}
      </div>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Item label={t("fields.protocol")}>{t(`protocols.${p.protocol}`)}</Item>
        <Item label={t("fields.baseUrl")}>{p.baseUrl ? <span className="break-all font-mono text-xs">{p.baseUrl}</span> : <span className="muted">—</span>}</Item>
        <Item label={t("fields.key")}>
          {p.keyMask ? (
            <span className="font-mono text-xs" data-testid="key-mask">
              {p.keyMask}
            </span>
          ) : (
            <span className="muted">{t("noKey")}</span>
          )}
        </Item>
        <Item label={t("fields.tasks")}>{t("taskCount", { count: p.taskCount })}</Item>
        <Item label={t("fields.balance")} wide>
          {p.balance.supported ? <ProviderBalance id={p.id} balance={p.balance} locale={locale} /> : <span className="muted">{t("balance.unsupported")}</span>}
        </Item>
        <Item label={t("fields.models")} wide>
          {p.models.length ? (
            <span className="flex flex-wrap gap-1">
              {p.models.map((m) => (
                <span key={m} className="badge font-mono">
                  {m}
                </span>
              ))}
            </span>
          ) : (
            <span className="muted">{t("noModels")}</span>
          )}
        </Item>
      </dl>
      <ProviderActions id={p.id} name={name} enabled={p.enabled} editable={p.source === "db"}>
        <Link href={`/admin/providers/${p.id}`} className="btn-secondary">
          {p.source === "db" ? t("actions.edit") : t("actions.view")}
        </Link>
      </ProviderActions>
    </li>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2 lg:col-span-4" : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide muted">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
