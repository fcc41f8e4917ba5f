import Link from "next/link";
import type { ReactNode } from "react";
import { getT } from "@/lib/i18n/server";
import { AdminNav } from "../admin-nav";

/** The frame of a single-provider page (add, edit, read-only): admin navigation, the way back, a title and a lead. */
export async function ProviderPageFrame({ title, lead, children }: { title: ReactNode; lead: ReactNode; children: ReactNode }) {
  const t = await getT("providers");
  return (
    <div className="space-y-6">
      <AdminNav />
      <div className="mx-auto max-w-xl">
        <Link href="/admin/providers" className="text-sm muted hover:underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-2 text-xl font-semibold">{title}</h1>
        <p className="mt-1 mb-5 text-sm muted">{lead}</p>
        {children}
      </div>
    </div>
  );
}
