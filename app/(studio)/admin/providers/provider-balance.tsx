"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { LocalTime } from "@/app/_components/local-time";
import { FormError, useMessageText } from "@/app/_components/form";
import type { ProviderBalanceDto } from "@/lib/server/services/provider-balance";
import { refreshBalanceAction, setBalanceWarningAction } from "./balance-actions";

/** The vendor balance as last read, when it was read, "Check now", and the warning threshold. */
export function ProviderBalance({ id, balance, locale }: { id: string; balance: ProviderBalanceDto; locale: string }) {
  const t = useTranslations("providers.balance");
  const text = useMessageText();
  const [refresh, refreshAction, refreshing] = useActionState(refreshBalanceAction, {});
  const [warn, warnAction, saving] = useActionState(setBalanceWarningAction, {});
  const amount = (n: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n)} ${balance.unit ?? ""}`.trim();
  const warnErrors = warn.fieldErrors?.warnBelow;
  return (
    <div className="space-y-2 text-sm" data-testid="provider-balance">
      <p>
        {balance.amount !== null ? (
          <span className={`font-medium ${balance.low ? "text-amber-700 dark:text-amber-300" : ""}`} data-testid="balance-amount">
            {amount(balance.amount)}
          </span>
        ) : (
          <span className="muted">{balance.checkedAt ? t("noLimit") : t("notYet")}</span>
        )}
        {balance.low ? (
          <span className="badge ml-2 bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300" data-testid="balance-low">
            {t("low")}
          </span>
        ) : null}
        {balance.checkedAt ? (
          <span className="ml-2 text-xs muted">
            {t("checked")} <LocalTime iso={balance.checkedAt} mode="relative" />
          </span>
        ) : null}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <form action={refreshAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn-secondary py-1 text-xs" disabled={refreshing} data-testid="balance-refresh">
            {t("refresh")}
          </button>
        </form>
        <form action={warnAction} className="flex items-end gap-2">
          <input type="hidden" name="id" value={id} />
          <div>
            <label htmlFor={`warn-${id}`} className="label text-xs">
              {t("warnBelow")}
            </label>
            <input
              id={`warn-${id}`}
              name="warnBelow"
              inputMode="decimal"
              className="input w-32 py-1"
              defaultValue={balance.warnBelow ?? ""}
              placeholder={t("never")}
              aria-invalid={Boolean(warnErrors?.length)}
              data-testid="balance-warn-below"
            />
          </div>
          <button type="submit" className="btn-secondary py-1 text-xs" disabled={saving} data-testid="balance-warn-save">
            {t("save")}
          </button>
        </form>
      </div>
      {warnErrors?.length ? (
        <p className="field-error" role="alert">
          {warnErrors.map(text).join(" ")}
        </p>
      ) : null}
      <FormError error={refresh.formError ?? warn.formError} />
      {refresh.message ? <p className="text-xs muted">{refresh.message}</p> : null}
    </div>
  );
}
