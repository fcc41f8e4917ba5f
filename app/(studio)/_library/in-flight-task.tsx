"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import { taskHeadline } from "@/app/_components/task/format";
import { ProgressBar } from "@/app/_components/task/progress-bar";
import { StatusBadge } from "@/app/_components/task/status-badge";
import { useTaskStream } from "@/app/_components/use-task-stream";
import type { TaskDto } from "@/lib/dto";

/** A song still being made, live; when it finishes the page refreshes so the song joins the list. */
export function InFlightTask({ initialTask }: { initialTask: TaskDto }) {
  const t = useTranslations("library.inFlight");
  const task = useTaskStream(initialTask);
  const router = useRouter();
  const finished = task.status === "succeeded" || task.status === "failed";
  const refreshed = useRef(false);
  useEffect(() => {
    if (finished && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [finished, router]);

  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="in-flight-task" data-task-id={task.id}>
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <StatusBadge status={task.status} />
        <Link href={`/tasks/${task.id}`} className="truncate font-medium hover:text-accent-600 hover:underline">
          {taskHeadline(task) ?? t("untitled")}
        </Link>
      </div>
      <div className="w-full sm:w-64">{finished ? null : <ProgressBar progress={task.progress} estimated={task.progressEstimated} />}</div>
    </li>
  );
}
