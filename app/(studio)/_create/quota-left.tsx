"use client";

import { useTranslations } from "use-intl";
import type { QuotaStatus } from "@/lib/schemas/quotas";

/** True when the member may not start another song now (a limit of the day or month is used up). */
export function quotaUsedUp(quota: QuotaStatus | null): boolean {
  if (!quota) return false;
  return [quota.daily, quota.monthly].some((p) => p.limit !== null && p.used >= p.limit);
}

/** "7 of 10 songs left today · 120 of 200 this month"; when none is left, why and until when. Nothing without limits. */
export function QuotaLeft({ quota }: { quota: QuotaStatus | null }) {
  const t = useTranslations("create.quota");
  const common = useTranslations("common.errors");
  if (!quota || (quota.daily.limit === null && quota.monthly.limit === null)) return null;
  const left = (p: QuotaStatus["daily"]) => Math.max(0, (p.limit ?? 0) - p.used);
  const parts = [
    quota.daily.limit !== null ? t("daily", { left: left(quota.daily), limit: quota.daily.limit }) : null,
    quota.monthly.limit !== null ? t("monthly", { left: left(quota.monthly), limit: quota.monthly.limit }) : null,
  ].filter((p): p is string => p !== null);
  const dailyOut = quota.daily.limit !== null && left(quota.daily) === 0;
  const monthlyOut = quota.monthly.limit !== null && left(quota.monthly) === 0;
  const out = monthlyOut ? common("quotaMonthly", { limit: quota.monthly.limit ?? 0 }) : dailyOut ? common("quotaDaily", { limit: quota.daily.limit ?? 0 }) : null;
  return (
    <div
      role="status"
      data-testid="quota-left"
      className={`mb-4 rounded-lg px-3 py-2 text-sm ${
        out
          ? "border border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
          : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
      }`}
    >
      <p>
        <span className="sr-only">{t("label")}: </span>
        {parts.join(" · ")}
      </p>
      {out ? (
        <p className="mt-0.5 font-medium" data-testid="quota-used-up">
          {out}
        </p>
      ) : null}
    </div>
  );
}
