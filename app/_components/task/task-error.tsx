"use client";

import { useTranslations } from "use-intl";
import type { TaskDto } from "@/lib/dto";

type TaskErrorValue = NonNullable<TaskDto["error"]>;
type Translator = ReturnType<typeof useTranslations<"tasks">>;

/**
 * A failure in plain words: our sentence for the error code, in the reader's language,
 * then the vendor's own words when it gave some. The server's English message is for
 * the API; shown here it would read as the vendor's words, so it never is.
 */
export function describeTaskError(t: Translator, error: TaskErrorValue): { headline: string; detail: string | null } {
  const key = `errors.${error.code}`;
  const headline = t.has(key) ? t(key) : t("errors.unknown");
  const said = error.vendorMessage?.trim();
  return { headline, detail: said ? t("vendorSaid", { message: said }) : null };
}

export function TaskError({ error }: { error: TaskErrorValue }) {
  const t = useTranslations("tasks");
  const { headline, detail } = describeTaskError(t, error);
  return (
    <div
      role="alert"
      data-testid="task-error"
      className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900/70 dark:bg-red-950/40 dark:text-red-200"
    >
      <p className="font-medium">{headline}</p>
      {detail ? <p className="mt-0.5 text-xs break-words opacity-80">{detail}</p> : null}
    </div>
  );
}
