import Link from "next/link";
import { taskHeadline } from "@/app/_components/task/format";
import { StatusBadge } from "@/app/_components/task/status-badge";
import { TaskFacts } from "@/app/_components/task/task-facts";
import type { TaskDto } from "@/lib/dto";
import type { getT } from "@/lib/i18n/server";
import { RetryButton } from "./retry-button";

type T = Awaited<ReturnType<typeof getT<"tasks">>>;

/** One task in the history: what it was, how it went, and what can be done with it. */
export function TaskRow({ task, t, showOwner, retry, reuse }: { task: TaskDto; t: T; showOwner: boolean; retry: boolean; reuse: boolean }) {
  const headline = taskHeadline(task) ?? t(`kind.${task.kind}`);
  // Our sentence for the failure, as the task page's alert words it (the vendor's own words stay on that page).
  const code = task.status === "failed" ? task.error?.code : undefined;
  const key = `errors.${code}` as "errors.unknown";
  const failure = code ? (t.has(key) ? t(key) : t("errors.unknown")) : null;
  return (
    <li className="flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3" data-testid="task-row" data-task-id={task.id} data-kind={task.kind} data-status={task.status}>
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">
          <Link href={`/tasks/${task.id}`} className="hover:text-accent-600 hover:underline" data-testid="task-link">
            {headline}
          </Link>
        </p>
        <TaskFacts task={task} className="mt-0.5 text-xs" />
        {showOwner ? <p className="text-xs muted">{t("history.by", { name: task.owner.name })}</p> : null}
        {failure ? <p className="mt-1 text-xs text-red-700 dark:text-red-300">{failure}</p> : null}
      </div>
      <div className="flex shrink-0 flex-wrap items-start justify-end gap-2">
        <StatusBadge status={task.status} />
        {reuse ? (
          <Link href={`/?reuse=${encodeURIComponent(task.id)}`} className="btn-secondary py-1.5" data-testid="task-reuse">
            {t("history.reuse")}
          </Link>
        ) : null}
        {retry ? <RetryButton taskId={task.id} then="refresh" /> : null}
      </div>
    </li>
  );
}
