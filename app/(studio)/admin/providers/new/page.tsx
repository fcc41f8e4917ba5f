import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { ProviderForm } from "../provider-form";
import { ProviderPageFrame } from "../provider-page-frame";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("providers"))("addTitle") };
}

export default async function NewProviderPage() {
  await requirePageAdmin("/admin/providers/new");
  const t = await getT("providers");
  return (
    <ProviderPageFrame title={t("addTitle")} lead={t("addLead")}>
      <div className="card">
        <ProviderForm />
      </div>
    </ProviderPageFrame>
  );
}
