"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import { SpinnerIcon } from "@/app/_components/player/icons";
import type { Message } from "@/lib/action-state";
import { newIdempotencyKey } from "../_create/idempotency-key";
import { retryTaskAction } from "./actions";

/**
 * Sends a failed task again. In the history the new task then shows at the top (the
 * page re-renders); on a task's own page the browser goes to the new task. One key per
 * intended retry: a double click is one new task, and the key is renewed once spent.
 */
export function RetryButton({ taskId, then }: { taskId: string; then: "refresh" | "open" }) {
  const t = useTranslations("tasks.history");
  const text = useMessageText();
  const router = useRouter();
  const key = useRef("");
  const [error, setError] = useState<Message | null>(null);
  const [pending, start] = useTransition();

  const retry = () =>
    start(async () => {
      key.current ||= newIdempotencyKey();
      const result = await retryTaskAction({ taskId, idempotencyKey: key.current });
      if (!result.ok || !result.taskId) {
        setError(result.formError ?? { key: "common.errors.unexpected" });
        return;
      }
      key.current = "";
      setError(null);
      if (then === "open") router.push(`/tasks/${result.taskId}`);
      else router.refresh();
    });

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" className="btn-secondary py-1.5" onClick={retry} disabled={pending} aria-busy={pending} data-testid="task-retry">
        {pending ? <SpinnerIcon className="h-4 w-4" /> : null}
        {pending ? t("retrying") : t("retry")}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400" data-testid="task-retry-error">
          {text(error)}
        </span>
      ) : null}
    </span>
  );
}
