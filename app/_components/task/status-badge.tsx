"use client";

import { useTranslations } from "use-intl";
import type { TaskStatus } from "@/lib/dto";

const tone: Record<TaskStatus, string> = {
  submitting: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  queued: "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  running: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300",
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  const t = useTranslations("tasks.status");
  const live = status === "queued" || status === "running" || status === "submitting";
  return (
    <span className={`badge gap-1.5 ${tone[status]}`} data-testid="task-status" data-status={status}>
      {live ? <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" /> : null}
      {t(status)}
    </span>
  );
}
