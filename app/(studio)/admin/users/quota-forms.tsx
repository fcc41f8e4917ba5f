"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { FormError, useMessageText } from "@/app/_components/form";
import type { ActionState } from "@/lib/action-state";
import type { QuotaLimits } from "@/lib/schemas/quotas";
import { setMemberQuotaAction, setTeamQuotaAction } from "./quota-actions";

function LimitInput({
  name,
  label,
  value,
  placeholder,
  errors,
  id,
}: {
  name: "daily" | "monthly";
  label: string;
  value: number | null;
  placeholder: string;
  errors?: ActionState["fieldErrors"];
  id: string;
}) {
  const text = useMessageText();
  const problems = errors?.[name];
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        inputMode="numeric"
        className="input w-40"
        defaultValue={value ?? ""}
        placeholder={placeholder}
        aria-invalid={Boolean(problems?.length)}
        data-testid={`quota-${name}`}
      />
      {problems?.length ? (
        <p className="field-error" role="alert">
          {problems.map(text).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The team default: members without their own limit get it; blank is unlimited. */
export function TeamQuotaForm({ team }: { team: QuotaLimits }) {
  const t = useTranslations("admin.quotas");
  const [state, action, pending] = useActionState(setTeamQuotaAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" data-testid="team-quota-form">
      <LimitInput id="team-quota-daily" name="daily" label={t("daily")} value={team.daily} placeholder={t("unlimited")} errors={state.fieldErrors} />
      <LimitInput id="team-quota-monthly" name="monthly" label={t("monthly")} value={team.monthly} placeholder={t("unlimited")} errors={state.fieldErrors} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t("save")}
      </button>
      {state.ok ? <span className="text-sm muted">{t("saved")}</span> : null}
      <FormError error={state.formError} />
    </form>
  );
}

/** One member's own limits; a blank field follows the team default (shown as the placeholder). */
export function MemberQuotaForm({ userId, own, team }: { userId: string; own: QuotaLimits; team: QuotaLimits }) {
  const t = useTranslations("admin.quotas");
  const [state, action, pending] = useActionState(setMemberQuotaAction, {});
  const fallback = (n: number | null) => t("teamDefault", { value: n === null ? t("unlimited") : String(n) });
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="userId" value={userId} />
      <LimitInput id={`quota-daily-${userId}`} name="daily" label={t("daily")} value={own.daily} placeholder={fallback(team.daily)} errors={state.fieldErrors} />
      <LimitInput id={`quota-monthly-${userId}`} name="monthly" label={t("monthly")} value={own.monthly} placeholder={fallback(team.monthly)} errors={state.fieldErrors} />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="quota-save">
        {t("save")}
      </button>
      {state.ok ? <span className="text-sm muted">{t("saved")}</span> : null}
      <FormError error={state.formError} />
    </form>
  );
}
