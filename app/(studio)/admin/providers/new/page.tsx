import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { AdminNav } from "../../admin-nav";
import { ProviderForm } from "../provider-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("providers"))("addTitle") };
}

export default async function NewProviderPage() {
  await requirePageAdmin("/admin/providers/new");
  const t = await getT("providers");
  return (
    <div className="space-y-6">
      <AdminNav />
      <div className="mx-auto max-w-xl">
        <Link href="/admin/providers" className="text-sm muted hover:underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-2 text-xl font-semibold">{t("addTitle")}</h1>
        <p className="mt-1 mb-5 text-sm muted">{t("addLead")}</p>
        <div className="card">
          <ProviderForm />
        </div>
      </div>
    </div>
  );
}
