"use client";

import { CopyField } from "@/app/_components/copy-field";
import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton, useMessageText } from "@/app/_components/form";
import { createWebhookAction, type CreateWebhookState } from "./actions";

/** Add a webhook; on success the signing secret is shown here, once. */
export function WebhookForm() {
  const t = useTranslations("notifications.webhooks");
  const text = useMessageText();
  const [state, action] = useActionState<CreateWebhookState, FormData>(createWebhookAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-2" data-testid="webhook-form">
        <Field label={t("fields.name")} name="name" id="webhook-name" defaultValue={state.ok ? "" : state.values?.name} errors={errors.name} maxLength={80} required />
        <Field
          label={t("fields.url")}
          name="url"
          id="webhook-url"
          type="url"
          defaultValue={state.ok ? "" : state.values?.url}
          errors={errors.url}
          hint={t("hints.url")}
          placeholder="https://hooks.slack.com/services/…"
          required
        />
        <div>
          <label htmlFor="webhook-format" className="label">
            {t("fields.format")}
          </label>
          <select id="webhook-format" name="format" className="input" defaultValue={state.values?.format ?? "slack"}>
            <option value="slack">{t("formats.slack")}</option>
            <option value="standard">{t("formats.standard")}</option>
          </select>
          <p className="mt-1 text-xs muted">{t("hints.format")}</p>
        </div>
        <fieldset>
          <legend className="label">{t("fields.events")}</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="events" value="task.succeeded" defaultChecked />
              {t("events.succeeded")}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="events" value="task.failed" defaultChecked />
              {t("events.failed")}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="enabled" defaultChecked />
              {t("fields.enabled")}
            </label>
          </div>
          {errors.events ? (
            <p className="field-error" role="alert">
              {errors.events.map(text).join(" ")}
            </p>
          ) : null}
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton>{t("add")}</SubmitButton>
        </div>
      </form>
      <FormError error={state.formError} />
      {state.ok && state.secret ? (
        <div className="rounded-lg border border-accent-500/40 bg-accent-50 p-3 text-sm dark:bg-accent-600/10" data-testid="webhook-secret">
          <p className="font-medium">{t("secretTitle", { name: state.name ?? "" })}</p>
          <p className="mb-2 text-xs muted">{t("secretLead")}</p>
          <CopyField value={state.secret} label={t("secretTitle", { name: state.name ?? "" })} testId="webhook-secret-value" />
        </div>
      ) : null}
    </div>
  );
}
