import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { LocalTime } from "@/app/_components/local-time";
import { getT } from "@/lib/i18n/server";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { listWebhooksForAdmin } from "@/lib/server/services/webhooks";
import { AdminNav } from "../admin-nav";
import { WebhookActions } from "./webhook-actions";
import { WebhookForm } from "./webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("notifications"))("webhooks.title") };
}

const EVENT_KEYS: Record<string, "events.succeeded" | "events.failed" | "events.test"> = {
  "task.succeeded": "events.succeeded",
  "task.failed": "events.failed",
  "webhook.test": "events.test",
};

export default async function AdminWebhooksPage() {
  const admin = await requirePageAdmin("/admin/webhooks");
  const t = await getT("notifications");
  const hooks = listWebhooksForAdmin(admin);
  const eventName = (event: string) => (EVENT_KEYS[event] ? t(`webhooks.${EVENT_KEYS[event]}`) : event);
  return (
    <ClientMessages paths={["notifications.webhooks", "notifications.errors"]}>
      <div className="space-y-6">
        <AdminNav />
        <div>
          <h1 className="text-2xl font-semibold">{t("webhooks.title")}</h1>
          <p className="muted text-sm">{t("webhooks.lead")}</p>
        </div>
        <section className="card">
          <h2 className="mb-3 font-semibold">{t("webhooks.addTitle")}</h2>
          <WebhookForm />
        </section>
        {hooks.length === 0 ? <p className="muted text-sm">{t("webhooks.empty")}</p> : null}
        {hooks.map((hook) => (
          <section key={hook.id} className="card space-y-3" data-testid="webhook-card" aria-labelledby={`webhook-${hook.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h2 id={`webhook-${hook.id}`} className="font-semibold">
                  {hook.name} <span className="badge ml-1">{hook.enabled ? t("webhooks.enabled") : t("webhooks.disabled")}</span>
                </h2>
                <p className="truncate font-mono text-xs muted">{hook.url}</p>
                <p className="text-xs muted">
                  {t(`webhooks.formats.${hook.format}`)} · {hook.events.map(eventName).join(", ")}
                </p>
              </div>
              <WebhookActions id={hook.id} name={hook.name} enabled={hook.enabled} />
            </div>
            <h3 className="text-sm font-medium">{t("webhooks.deliveries")}</h3>
            {hook.deliveries.length === 0 ? (
              <p className="text-sm muted">{t("webhooks.noDeliveries")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="data-table" data-testid="webhook-deliveries">
                  <thead>
                    <tr>
                      <th>{t("webhooks.columns.event")}</th>
                      <th>{t("webhooks.columns.status")}</th>
                      <th>{t("webhooks.columns.attempts")}</th>
                      <th>{t("webhooks.columns.result")}</th>
                      <th>{t("webhooks.columns.when")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hook.deliveries.map((d) => (
                      <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                        <td>{eventName(d.event)}</td>
                        <td>
                          <span className="badge">{t(`webhooks.status.${d.status}`)}</span>
                        </td>
                        <td>{d.attempts}</td>
                        <td className="max-w-xs text-xs break-words">
                          {d.lastStatus !== null ? t("webhooks.httpStatus", { status: d.lastStatus }) : null}
                          {d.lastError ? <span className="block muted">{d.lastError}</span> : null}
                          {d.nextAttemptAt ? (
                            <span className="block muted">
                              {t("webhooks.nextAttempt")} <LocalTime iso={d.nextAttemptAt} mode="relative" />
                            </span>
                          ) : null}
                        </td>
                        <td>
                          <LocalTime iso={d.createdAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
      </div>
    </ClientMessages>
  );
}
