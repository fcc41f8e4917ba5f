"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import { changeRoleAction, setDisabledAction } from "./actions";

/** Role and enable/disable controls for one member; refusals (last admin) show beside them. */
export function UserRowActions({ userId, role, disabled, isSelf }: { userId: string; role: "admin" | "member"; disabled: boolean; isSelf: boolean }) {
  const t = useTranslations("admin");
  const text = useMessageText();
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, {});
  const [disableState, disableAction, disablePending] = useActionState(setDisabledAction, {});
  const error = roleState.formError ?? disableState.formError;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="role" value={role === "admin" ? "member" : "admin"} />
        <button type="submit" className="btn-secondary py-1 text-xs" disabled={rolePending}>
          {role === "admin" ? t("makeMember") : t("makeAdmin")}
        </button>
      </form>
      {isSelf ? null : (
        <form action={disableAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
          <button type="submit" className={`${disabled ? "btn-secondary" : "btn-danger"} py-1 text-xs`} disabled={disablePending}>
            {disabled ? t("enable") : t("disable")}
          </button>
        </form>
      )}
      {error ? (
        <p role="alert" className="w-full text-right text-xs text-red-600 dark:text-red-400">
          {text(error)}
        </p>
      ) : null}
    </div>
  );
}
