"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton } from "@/app/_components/form";
import { setupAction } from "../actions";

export function SetupForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(setupAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError error={state.formError} />
      <Field label={t("name")} name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <Field label={t("email")} name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={state.fieldErrors?.password} />
      <Field label={t("confirmPassword")} name="confirm" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirm} />
      <SubmitButton className="btn-primary w-full">{t("createOwner")}</SubmitButton>
    </form>
  );
}
