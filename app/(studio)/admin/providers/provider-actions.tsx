"use client";

import { useActionState, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { SubmitButton, useMessageText } from "@/app/_components/form";
import type { ConnectionOutcome } from "@/lib/schemas/providers";
import { deleteProviderAction, setProviderEnabledAction, testConnectionAction } from "./actions";

const OUTCOME_STYLE: Record<ConnectionOutcome, string> = {
  accepted: "text-emerald-700 dark:text-emerald-400",
  rejected: "text-red-700 dark:text-red-400",
  unreachable: "text-amber-700 dark:text-amber-400",
  error: "text-amber-700 dark:text-amber-400",
};

const DOT: Record<ConnectionOutcome, string> = {
  accepted: "bg-emerald-500",
  rejected: "bg-red-500",
  unreachable: "bg-amber-500",
  error: "bg-amber-500",
};

/** Test connection, and for providers added here: edit, enable/disable, delete. Results show in place. */
export function ProviderActions({
  id,
  name,
  enabled,
  editable,
  children,
}: {
  id: string;
  name: string;
  enabled: boolean;
  editable: boolean;
  /** Extra links placed among the buttons (Edit / Details on the list). */
  children?: ReactNode;
}) {
  const t = useTranslations("providers");
  const [test, testAction, testing] = useActionState(testConnectionAction, {});
  const [toggle, toggleAction] = useActionState(setProviderEnabledAction, {});
  const [removal, deleteAction] = useActionState(deleteProviderAction, {});
  const error = toggle.formError ?? removal.formError ?? test.formError;
  const text = useMessageText();

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("actions.label", { name })}>
        <form action={testAction}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton className="btn-secondary">{testing ? t("actions.testing") : t("actions.test")}</SubmitButton>
        </form>
        {children}
        {editable ? (
          <>
            <form action={toggleAction}>
              <input type="hidden" name="id" value={id} />
              <input type="hidden" name="enabled" value={String(!enabled)} />
              <SubmitButton className="btn-secondary">{enabled ? t("actions.disable") : t("actions.enable")}</SubmitButton>
            </form>
            <form
              action={deleteAction}
              onSubmit={(e) => {
                if (!window.confirm(t("actions.confirmDelete", { name }))) e.preventDefault();
              }}
            >
              <input type="hidden" name="id" value={id} />
              <SubmitButton className="btn-danger">{t("actions.delete")}</SubmitButton>
            </form>
          </>
        ) : null}
      </div>
      <div aria-live="polite" className="min-h-0 text-sm">
        {test.report && !testing ? (
          <div data-testid="connection-result" data-outcome={test.report.outcome}>
            <p className={`flex items-center gap-2 font-medium ${OUTCOME_STYLE[test.report.outcome]}`}>
              <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${DOT[test.report.outcome]}`} />
              {/* The demo provider has no key to accept: it gets its own words. */}
              {id === "demo" && test.report.outcome === "accepted" ? t("test.demo") : t(`test.${test.report.outcome}`)}
            </p>
            {test.report.detail ? <p className="mt-0.5 break-words muted">{t("test.vendorSaid", { detail: test.report.detail })}</p> : null}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {text(error)}
          </p>
        ) : null}
      </div>
    </div>
  );
}
