"use client";

import { useTranslations } from "use-intl";
import { Field, FormError } from "@/app/_components/form";
import type { ActionState } from "@/lib/action-state";

/** Name, email and a confirmed new password: the fields of both setup and invite (an invite may fix the email). */
export function AccountFields({ state, email }: { state: ActionState; email?: string | null }) {
  const t = useTranslations("auth");
  return (
    <>
      <FormError error={state.formError} />
      <Field label={t("name")} name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        // An invite made out to an email is for that address only.
        defaultValue={email ?? state.values?.email}
        readOnly={Boolean(email)}
        errors={state.fieldErrors?.email}
      />
      <Field label={t("password")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={state.fieldErrors?.password} />
      <Field label={t("confirmPassword")} name="confirm" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirm} />
    </>
  );
}
