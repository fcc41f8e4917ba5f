"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { SubmitButton, useMessageText } from "@/app/_components/form";
import type { Capability } from "@/lib/domain";
import { setProviderCapabilitiesAction } from "./actions";

/**
 * What the provider can do besides songs and lyrics. Confirmed operations are simply
 * on; the ones its relay family documents but the vendor never confirmed are
 * switches, off until an admin has seen them work on this relay.
 */
export function ProviderCapabilities({ id, capabilities, unconfirmed }: { id: string; capabilities: Capability[]; unconfirmed: Capability[] }) {
  const t = useTranslations("providers");
  const [state, action] = useActionState(setProviderCapabilitiesAction, {});
  const text = useMessageText();
  const confirmed = capabilities.filter((c) => !unconfirmed.includes(c));
  return (
    <section className="card space-y-3" aria-labelledby="capabilities-heading">
      <h2 id="capabilities-heading" className="text-base font-semibold">
        {t("capabilities.title")}
      </h2>
      {confirmed.length > 0 ? (
        <p className="text-sm">
          {t("capabilities.confirmed")} {confirmed.map((c) => t(`capabilities.names.${c}`)).join(", ")}
        </p>
      ) : null}
      {unconfirmed.length > 0 ? (
        <form action={action} className="space-y-2">
          <input type="hidden" name="id" value={id} />
          <p className="text-sm muted">{t("capabilities.unconfirmedLead")}</p>
          <fieldset className="grid gap-1 sm:grid-cols-2">
            <legend className="sr-only">{t("capabilities.unconfirmedLegend")}</legend>
            {unconfirmed.map((c) => (
              <label key={c} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="capabilities" value={c} defaultChecked={capabilities.includes(c)} />
                {t(`capabilities.names.${c}`)}
              </label>
            ))}
          </fieldset>
          <SubmitButton className="btn-secondary">{t("capabilities.save")}</SubmitButton>
          {state.ok ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              {t("capabilities.saved")}
            </p>
          ) : null}
          {state.formError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {text(state.formError)}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
