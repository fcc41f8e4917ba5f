"use client";

import { CopyField } from "@/app/_components/copy-field";
import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import { changeRoleAction, createResetLinkAction, setDisabledAction, type ResetLinkState } from "./actions";

/** Role, reset-link and enable/disable controls for one member; refusals (last admin) show beside them. */
export function UserRowActions({ userId, name, role, disabled, isSelf }: { userId: string; name: string; role: "admin" | "member"; disabled: boolean; isSelf: boolean }) {
  const t = useTranslations("admin");
  const text = useMessageText();
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, {});
  const [disableState, disableAction, disablePending] = useActionState(setDisabledAction, {});
  const [resetState, resetAction, resetPending] = useActionState<ResetLinkState, FormData>(createResetLinkAction, {});
  const error = roleState.formError ?? disableState.formError ?? resetState.formError;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="role" value={role === "admin" ? "member" : "admin"} />
        <button type="submit" className="btn-secondary py-1 text-xs" disabled={rolePending}>
          {role === "admin" ? t("makeMember") : t("makeAdmin")}
        </button>
      </form>
      {isSelf || disabled ? null : (
        <form action={resetAction}>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" className="btn-secondary py-1 text-xs" disabled={resetPending}>
            {t("resetLink")}
          </button>
        </form>
      )}
      {isSelf ? null : (
        <form action={disableAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
          <button type="submit" className={`${disabled ? "btn-secondary" : "btn-danger"} py-1 text-xs`} disabled={disablePending}>
            {disabled ? t("enable") : t("disable")}
          </button>
        </form>
      )}
      {resetState.link && !disabled ? <ResetLink path={resetState.link} name={name} /> : null}
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-red-600 dark:text-red-400">
          {text(error)}
        </p>
      ) : null}
    </div>
  );
}

function ResetLink({ path, name }: { path: string; name: string }) {
  const t = useTranslations("admin");
  const link = typeof window !== "undefined" ? new URL(path, window.location.origin).toString() : path;
  return (
    <div className="w-full max-w-md rounded-lg border border-accent-500/40 bg-accent-50 p-2 text-left text-xs dark:bg-accent-600/10">
      <p className="mb-1">{t("resetReady", { name })}</p>
      <CopyField value={link} label={t("resetLink")} testId="reset-link" />
    </div>
  );
}
