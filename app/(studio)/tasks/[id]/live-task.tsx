"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import { ClipTile } from "@/app/_components/task/clip-tile";
import { ProgressBar } from "@/app/_components/task/progress-bar";
import { StatusBadge } from "@/app/_components/task/status-badge";
import { TaskError } from "@/app/_components/task/task-error";
import { useTaskStream } from "@/app/_components/use-task-stream";
import type { TaskDto } from "@/lib/dto";

/** The live half of the task page: status, progress, error, and the clips as they stream. */
export function LiveTask({ initialTask }: { initialTask: TaskDto }) {
  const task = useTaskStream(initialTask);
  const t = useTranslations("tasks");
  const router = useRouter();

  // Each status change adds a timeline entry (and, for admins, a new vendor payload):
  // let the server re-render those parts.
  const seen = useRef(initialTask.status);
  useEffect(() => {
    if (seen.current === task.status) return;
    seen.current = task.status;
    router.refresh();
  }, [task.status, router]);

  const finished = task.status === "succeeded" || task.status === "failed";
  return (
    <section className="card space-y-4" aria-labelledby="live-heading" data-testid="task-live" data-task-id={task.id}>
      <div className="flex items-center justify-between gap-3">
        <h2 id="live-heading" className="text-base font-semibold">
          {task.kind === "lyrics" ? t("detail.lyrics") : t("detail.clips")}
        </h2>
        <StatusBadge status={task.status} />
      </div>
      {finished ? null : <ProgressBar progress={task.progress} estimated={task.progressEstimated} />}
      {task.status === "failed" && task.error ? <TaskError error={task.error} /> : null}
      {task.kind === "lyrics" ? (
        task.result ? (
          <div>
            <p className="mb-2 font-medium">{task.result.title}</p>
            <pre className="whitespace-pre-wrap font-sans text-sm leading-relaxed">{task.result.text}</pre>
          </div>
        ) : null
      ) : task.clips.length > 0 ? (
        <ul className="grid gap-3 md:grid-cols-2">
          {task.clips.map((clip) => (
            <ClipTile key={clip.id} clip={clip} />
          ))}
        </ul>
      ) : task.status === "failed" ? null : (
        <p className="text-sm muted">{t("detail.noClips")}</p>
      )}
    </section>
  );
}
