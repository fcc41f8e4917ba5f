"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton, useMessageText } from "@/app/_components/form";
import { EDITABLE_PROTOCOLS } from "@/lib/schemas/providers";
import { createProviderAction, updateProviderAction } from "./actions";

/** The editable fields of a provider; the key is never among them, only its mask. */
export interface ProviderFormValues {
  id: string;
  name: string;
  protocol: string;
  baseUrl: string;
  keyMask: string | null;
  protocolLocked: boolean;
}

export function ProviderForm({ provider }: { provider?: ProviderFormValues }) {
  const t = useTranslations("providers");
  const [state, action] = useActionState(provider ? updateProviderAction : createProviderAction, {});
  const values = state.values ?? provider ?? { name: "", protocol: "newapi", baseUrl: "" };
  const text = useMessageText();
  const errors = (field: string) => state.fieldErrors?.[field];
  const protocolErrors = errors("protocol");
  const locked = provider?.protocolLocked ?? false;

  return (
    <form action={action} className="space-y-4" noValidate>
      {provider ? <input type="hidden" name="id" value={provider.id} /> : null}
      <FormError error={state.formError} />
      <Field label={t("fields.name")} name="name" required maxLength={80} defaultValue={values.name} hint={t("hints.name")} errors={errors("name")} />
      <div>
        <label htmlFor="field-protocol" className="label">
          {t("fields.protocol")}
        </label>
        {/* A disabled select submits nothing, so a locked protocol travels in a hidden field. */}
        {locked ? <input type="hidden" name="protocol" value={provider?.protocol} /> : null}
        <select
          id="field-protocol"
          name={locked ? undefined : "protocol"}
          className="input"
          defaultValue={values.protocol}
          disabled={locked}
          aria-invalid={Boolean(protocolErrors?.length)}
          aria-describedby={protocolErrors?.length ? "field-protocol-error" : locked ? "field-protocol-hint" : undefined}
        >
          {EDITABLE_PROTOCOLS.map((p) => (
            <option key={p} value={p}>
              {t(`protocols.${p}`)}
            </option>
          ))}
        </select>
        {protocolErrors?.length ? (
          <p id="field-protocol-error" className="field-error" role="alert">
            {protocolErrors.map(text).join(" ")}
          </p>
        ) : locked ? (
          <p id="field-protocol-hint" className="mt-1 text-xs muted">
            {t("hints.protocolLocked")}
          </p>
        ) : null}
      </div>
      <Field
        label={t("fields.baseUrl")}
        name="baseUrl"
        type="url"
        inputMode="url"
        required
        spellCheck={false}
        placeholder="https://api.example.com"
        defaultValue={values.baseUrl}
        hint={t("hints.baseUrl")}
        errors={errors("baseUrl")}
      />
      <Field
        label={t("fields.apiKey")}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required={!provider}
        placeholder={provider?.keyMask ?? "sk-…"}
        hint={provider ? t("hints.apiKeyKeep", { mask: provider.keyMask ?? t("noKey") }) : t("hints.apiKeyNew")}
        errors={errors("apiKey")}
      />
      <div className="flex flex-wrap items-center gap-2 pt-1">
        <SubmitButton>{provider ? t("actions.save") : t("actions.create")}</SubmitButton>
        <Link href="/admin/providers" className="btn-secondary">
          {t("actions.cancel")}
        </Link>
      </div>
    </form>
  );
}
