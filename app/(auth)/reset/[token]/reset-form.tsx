"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton } from "@/app/_components/form";
import { resetPasswordAction } from "../../actions";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resetPasswordAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <FormError error={state.formError} />
      <Field label={t("newPassword")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={state.fieldErrors?.password} />
      <Field label={t("confirmPassword")} name="confirm" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirm} />
      <SubmitButton className="btn-primary w-full">{t("setNewPassword")}</SubmitButton>
    </form>
  );
}
