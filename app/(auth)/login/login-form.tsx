"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton } from "@/app/_components/form";
import { loginAction } from "../actions";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(loginAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormError error={state.formError} />
      <Field label={t("email")} name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <SubmitButton className="btn-primary w-full">{t("signIn")}</SubmitButton>
    </form>
  );
}
