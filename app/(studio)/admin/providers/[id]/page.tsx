import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { requirePageAdmin, type Viewer } from "@/lib/server/auth/session";
import { getProviderForAdmin, type AdminProviderDto } from "@/lib/server/services/providers";
import { ProviderActions } from "../provider-actions";
import { ProviderCapabilities } from "../provider-capabilities";
import { ProviderForm } from "../provider-form";
import { ProviderPageFrame } from "../provider-page-frame";
import { displayName } from "../provider-name";

type Props = { params: Promise<{ id: string }> };

// The environment variables behind each env provider, so the read-only view says where to change it.
const ENV_VARS: Record<string, string> = {
  newapi: "NEWAPI_BASE_URL, NEWAPI_API_KEY",
  nengyongai: "NENGYONGAI_BASE_URL, NENGYONGAI_API_KEY",
  sunohub: "SUNOHUB_BASE_URL, SUNOHUB_API_KEY",
};

function load(admin: Viewer, id: string): AdminProviderDto {
  try {
    return getProviderForAdmin(admin, id);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("providers"))("title") };
}

export default async function ProviderPage({ params }: Props) {
  const { id } = await params;
  const admin = await requirePageAdmin(`/admin/providers/${encodeURIComponent(id)}`);
  const t = await getT("providers");
  const provider = load(admin, id);
  const name = displayName(provider, t);
  const editable = provider.source === "db";
  const lead = editable ? t("editLead") : provider.id === "demo" ? t("demoNote") : t("envNote", { vars: ENV_VARS[provider.id] ?? "" });
  return (
    <ProviderPageFrame title={editable ? t("editTitle", { name }) : name} lead={lead}>
      {editable ? (
        <div className="card">
          <ProviderForm
            provider={{
              id: provider.id,
              name: provider.name,
              protocol: provider.protocol,
              baseUrl: provider.baseUrl,
              keyMask: provider.keyMask,
              protocolLocked: provider.taskCount > 0,
            }}
          />
        </div>
      ) : (
        <div className="card space-y-4">
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide muted">{t("fields.protocol")}</dt>
              <dd className="mt-0.5">{t(`protocols.${provider.protocol}`)}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide muted">{t("fields.key")}</dt>
              <dd className="mt-0.5 font-mono text-xs">{provider.keyMask ?? t("noKey")}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-xs font-medium uppercase tracking-wide muted">{t("fields.baseUrl")}</dt>
              <dd className="mt-0.5 break-all font-mono text-xs">{provider.baseUrl || "—"}</dd>
            </div>
          </dl>
          <ProviderActions id={provider.id} name={name} enabled={provider.enabled} editable={false} />
        </div>
      )}
      <ProviderCapabilities id={provider.id} capabilities={provider.capabilities} unconfirmed={provider.unconfirmedCapabilities} />
    </ProviderPageFrame>
  );
}
