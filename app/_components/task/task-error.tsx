"use client";

import { useTranslations } from "use-intl";
import type { TaskDto } from "@/lib/dto";

type TaskErrorValue = NonNullable<TaskDto["error"]>;
type Translator = ReturnType<typeof useTranslations<"tasks">>;

/** The first sentence, lower-cased: "The vendor is unavailable right now. Try again later." → "the vendor is unavailable right now". */
const gist = (s: string) => s.toLowerCase().split(/[.。!！:：]/u)[0].trim();

/**
 * A failure in plain words: our sentence for the error code (in the reader's
 * language), then the server's text when it adds something.
 */
export function describeTaskError(t: Translator, error: TaskErrorValue): { headline: string; detail: string | null } {
  const key = `errors.${error.code}`;
  const reason = t.has(key) ? t(key) : null;
  const message = error.message?.trim() || null;
  // The server's English text often extends our sentence ("…refused by moderation: <why>"): then it says more.
  const elaborates = Boolean(reason && message && gist(message) === gist(reason));
  const headline = elaborates ? message! : (reason ?? message ?? t("errors.unknown"));
  const detail = reason && message && !elaborates ? t("vendorSaid", { message }) : null;
  return { headline, detail };
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
