"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { SubmitButton } from "@/app/_components/form";
import { AccountFields } from "../account-fields";
import { setupAction } from "../actions";

export function SetupForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(setupAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <AccountFields state={state} />
      <SubmitButton className="btn-primary w-full">{t("createOwner")}</SubmitButton>
    </form>
  );
}
