"use client";

import { useTranslations } from "use-intl";
import type { TaskDto } from "@/lib/dto";
import { LocalTime } from "../local-time";

/** "Song · Demo (offline) · v5 · <time>": the line under a task's title, on cards and the task page. */
export function TaskFacts({ task, className = "" }: { task: TaskDto; className?: string }) {
  const t = useTranslations("tasks");
  const model = typeof task.request.model === "string" ? task.request.model : null;
  return (
    <p className={`flex flex-wrap gap-x-2 muted ${className}`}>
      <span>{t(`kind.${task.kind}`)}</span>
      <span aria-hidden="true">·</span>
      <span>{task.providerName}</span>
      {model ? (
        <>
          <span aria-hidden="true">·</span>
          <span>{model}</span>
        </>
      ) : null}
      <span aria-hidden="true">·</span>
      <LocalTime iso={task.createdAt} />
    </p>
  );
}
