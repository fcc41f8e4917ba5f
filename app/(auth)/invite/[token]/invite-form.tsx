"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { SubmitButton } from "@/app/_components/form";
import { AccountFields } from "../../account-fields";
import { acceptInviteAction } from "../../actions";

export function InviteForm({ token, email }: { token: string; email?: string | null }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(acceptInviteAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <AccountFields state={state} email={email} />
      <SubmitButton className="btn-primary w-full">{t("joinTeam")}</SubmitButton>
    </form>
  );
}
