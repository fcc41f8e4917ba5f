"use client";

import { CopyField } from "@/app/_components/copy-field";
import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton } from "@/app/_components/form";
import { createInviteAction, type InviteState } from "./actions";

export function InviteForm() {
  const t = useTranslations("admin");
  const [state, action] = useActionState<InviteState, FormData>(createInviteAction, {});
  const link = state.link && typeof window !== "undefined" ? new URL(state.link, window.location.origin).toString() : state.link;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="invite-role" className="label">
            {t("role")}
          </label>
          <select id="invite-role" name="role" className="input" defaultValue="member">
            <option value="member">{t("roles.member")}</option>
            <option value="admin">{t("roles.admin")}</option>
          </select>
        </div>
        <div className="min-w-64 grow">
          <Field label={t("inviteEmail")} name="email" type="email" autoComplete="off" defaultValue={state.values?.email} errors={state.fieldErrors?.email} id="invite-email" />
        </div>
        <SubmitButton>{t("createInvite")}</SubmitButton>
      </form>
      <p className="text-xs muted">{t("inviteEmailHint")}</p>
      <FormError error={state.formError} />
      {link ? (
        <div className="rounded-lg border border-accent-500/40 bg-accent-50 p-3 text-sm dark:bg-accent-600/10">
          <p className="mb-2 font-medium">{t("inviteReady")}</p>
          <CopyField value={link} label={t("inviteReady")} testId="invite-link" />
          <p className="mt-2 text-xs muted">{t("inviteExpiry")}</p>
        </div>
      ) : null}
    </div>
  );
}
