import Link from "next/link";
import type { Viewer } from "@/lib/domain";
import { getT } from "@/lib/i18n/server";
import { listLowBalanceProviders } from "@/lib/server/services/provider-balance";

/** On the admin pages: which vendor accounts are below the admin's threshold, linking to Providers. Nothing when none is. */
export async function LowBalanceBanner({ admin }: { admin: Viewer }) {
  const low = listLowBalanceProviders(admin);
  if (low.length === 0) return null;
  const t = await getT("providers");
  return (
    <p
      role="alert"
      data-testid="low-balance-banner"
      className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
    >
      {t("balance.banner", { names: low.map((p) => p.name).join(", ") })}{" "}
      <Link href="/admin/providers" className="font-medium underline">
        {t("balance.open")}
      </Link>
    </p>
  );
}
