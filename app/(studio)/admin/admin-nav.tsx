"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "use-intl";

const SECTIONS = [
  { href: "/admin", key: "overview" },
  { href: "/admin/users", key: "users" },
  { href: "/admin/providers", key: "providers" },
  { href: "/admin/usage", key: "usage" },
  { href: "/admin/webhooks", key: "webhooks" },
] as const;

/** The admin sub-navigation; admin pages place it above their heading. */
export function AdminNav() {
  const t = useTranslations("providers.adminNav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mx-1 overflow-x-auto">
      <ul className="flex w-max gap-1 rounded-xl border border-zinc-200 bg-white p-1 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        {SECTIONS.map(({ href, key }) => {
          // The overview is only current on /admin itself; sections also own their sub-pages.
          const active = href === "/admin" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-lg px-3 py-1.5 font-medium transition ${
                  active
                    ? "bg-accent-100 text-accent-700 dark:bg-accent-600/20 dark:text-accent-100"
                    : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                }`}
              >
                {t(key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
