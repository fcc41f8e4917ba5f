"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import { deleteWebhookAction, sendTestWebhookAction, setWebhookEnabledAction } from "./actions";

/** Send test, on/off and delete for one webhook; refusals show beside them. */
export function WebhookActions({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const t = useTranslations("notifications.webhooks");
  const text = useMessageText();
  const [testState, testAction, testPending] = useActionState(sendTestWebhookAction, {});
  const [toggleState, toggleAction, togglePending] = useActionState(setWebhookEnabledAction, {});
  const [deleteState, deleteAction, deletePending] = useActionState(deleteWebhookAction, {});
  const error = testState.formError ?? toggleState.formError ?? deleteState.formError;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={testAction}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn-secondary py-1 text-xs" disabled={testPending}>
          {t("sendTest")}
        </button>
      </form>
      <form action={toggleAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <button type="submit" className="btn-secondary py-1 text-xs" disabled={togglePending}>
          {enabled ? t("disable") : t("enable")}
        </button>
      </form>
      <form
        action={deleteAction}
        onSubmit={(e) => {
          if (!window.confirm(t("confirmDelete", { name }))) e.preventDefault();
        }}
      >
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn-danger py-1 text-xs" disabled={deletePending}>
          {t("delete")}
        </button>
      </form>
      {error ? (
        <p role="alert" className="w-full text-xs text-red-600 dark:text-red-400">
          {text(error)}
        </p>
      ) : null}
    </div>
  );
}
