"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import type { TaskDto } from "@/lib/dto";
import { useTaskStream } from "../use-task-stream";
import { ClipTile } from "./clip-tile";
import { taskHeadline } from "./format";
import { ProgressBar } from "./progress-bar";
import { StatusBadge } from "./status-badge";
import { TaskError } from "./task-error";
import { TaskFacts } from "./task-facts";

/** A task in the recent list: live status, progress, error and clips. */
export function TaskCard({ initialTask }: { initialTask: TaskDto }) {
  const task = useTaskStream(initialTask);
  const t = useTranslations("tasks");
  const headline = taskHeadline(task) ?? t(`kind.${task.kind}`);
  const finished = task.status === "succeeded" || task.status === "failed";
  return (
    <article className="card space-y-3 p-4" data-testid="task-card" data-task-id={task.id} aria-label={headline}>
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="truncate font-medium">
            <Link href={`/tasks/${task.id}`} className="hover:text-accent-600 hover:underline" data-testid="task-link">
              {headline}
            </Link>
          </h3>
          <TaskFacts task={task} className="mt-0.5 text-xs" />
        </div>
        <StatusBadge status={task.status} />
      </header>
      {finished ? null : <ProgressBar progress={task.progress} estimated={task.progressEstimated} />}
      {task.status === "failed" && task.error ? <TaskError error={task.error} /> : null}
      {task.kind === "lyrics" && task.result ? <p className="line-clamp-3 whitespace-pre-line text-sm muted">{task.result.text}</p> : null}
      {task.clips.length > 0 ? (
        <ul className="grid gap-2 sm:grid-cols-2">
          {task.clips.map((clip) => (
            <ClipTile key={clip.id} clip={clip} />
          ))}
        </ul>
      ) : null}
    </article>
  );
}
