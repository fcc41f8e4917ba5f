"use client";

import { CopyField } from "@/app/_components/copy-field";
import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton } from "@/app/_components/form";
import { TOKEN_EXPIRY_CHOICES } from "@/lib/schemas/account";
import { changePasswordAction, createTokenAction, updateProfileAction, type TokenState } from "./actions";

function Saved({ show, text }: { show?: boolean; text: string }) {
  return show ? (
    <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
      {text}
    </p>
  ) : null;
}

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const t = useTranslations("settings");
  const [state, action] = useActionState(updateProfileAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError error={state.formError} />
      <Field label={t("email")} name="email-readonly" value={email} readOnly disabled />
      <Field label={t("name")} name="name" required defaultValue={state.values?.name ?? name} errors={state.fieldErrors?.name} />
      <div className="flex items-center gap-3">
        <SubmitButton>{t("saveProfile")}</SubmitButton>
        <Saved show={state.ok} text={t("profileSaved")} />
      </div>
    </form>
  );
}

export function PasswordForm({ changed }: { changed: boolean }) {
  const t = useTranslations("settings");
  const [state, action] = useActionState(changePasswordAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError error={state.formError} />
      <Field label={t("currentPassword")} name="current" type="password" autoComplete="current-password" required errors={state.fieldErrors?.current} />
      <Field label={t("newPassword")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={state.fieldErrors?.password} />
      <Field label={t("confirmPassword")} name="confirm" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirm} />
      <div className="flex items-center gap-3">
        <SubmitButton>{t("changePassword")}</SubmitButton>
        <Saved show={changed && !state.fieldErrors && !state.formError} text={t("passwordChanged")} />
      </div>
    </form>
  );
}

export function TokenForm() {
  const t = useTranslations("settings");
  const [state, action] = useActionState<TokenState, FormData>(createTokenAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-start gap-3" noValidate>
        <div className="min-w-56 flex-1">
          <Field
            id="token-name"
            label={t("tokenName")}
            name="name"
            placeholder={t("tokenNamePlaceholder")}
            required
            defaultValue={state.values?.name}
            errors={state.fieldErrors?.name}
          />
        </div>
        <div>
          <label htmlFor="token-expiry" className="label">
            {t("tokenExpiry")}
          </label>
          <select id="token-expiry" name="expiresInDays" className="input" defaultValue={state.values?.expiresInDays ?? ""}>
            <option value="">{t("tokenExpiryNever")}</option>
            {TOKEN_EXPIRY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {t("tokenExpiryDays", { days })}
              </option>
            ))}
          </select>
        </div>
        <label className="mt-8 flex items-center gap-2 text-sm">
          <input type="checkbox" name="readOnly" className="h-4 w-4 accent-accent-600" />
          {t("tokenReadOnly")}
        </label>
        <SubmitButton className="btn-primary mt-6">{t("createToken")}</SubmitButton>
      </form>
      <FormError error={state.formError} />
      {state.token ? (
        <div className="rounded-lg border border-amber-400/50 bg-amber-50 p-3 text-sm dark:bg-amber-950/30">
          <p className="mb-2 font-medium">{t("tokenOnce")}</p>
          <CopyField value={state.token} label={t("tokenOnce")} testId="new-token" />
        </div>
      ) : null}
    </div>
  );
}
