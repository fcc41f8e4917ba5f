import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { AdminNav } from "./admin-nav";
import { LowBalanceBanner } from "./low-balance-banner";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("providers"))("adminHome.title") };
}

const SECTIONS = [
  { href: "/admin/users", key: "users" },
  { href: "/admin/providers", key: "providers" },
  { href: "/admin/usage", key: "usage" },
] as const;

export default async function AdminPage() {
  const admin = await requirePageAdmin("/admin");
  const t = await getT("providers");
  return (
    <div className="space-y-6">
      <AdminNav />
      <LowBalanceBanner admin={admin} />
      <div>
        <h1 className="text-xl font-semibold">{t("adminHome.title")}</h1>
        <p className="mt-1 max-w-2xl text-sm muted">{t("adminHome.lead")}</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map(({ href, key }) => (
          <li key={href}>
            <Link
              href={href}
              aria-label={t("adminHome.open", { section: t(`adminNav.${key}`) })}
              className="card block h-full transition hover:border-accent-500 hover:shadow-md focus-visible:outline-2 focus-visible:outline-accent-500"
            >
              <h2 className="flex items-center justify-between text-base font-semibold">
                {t(`adminNav.${key}`)}
                <span aria-hidden className="muted">
                  →
                </span>
              </h2>
              <p className="mt-1 text-sm muted">{t(`adminHome.${key}Body`)}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
