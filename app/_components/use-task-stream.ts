"use client";

import { useEffect, useState } from "react";
import type { TaskDto } from "@/lib/dto";
import { isTerminal, subscribeToTask } from "./task-subscription";

/**
 * A task that keeps itself up to date: starts from the server-rendered DTO and
 * follows the task's event stream until it finishes. Finished tasks open no stream.
 */
export function useTaskStream(initialTask: TaskDto): TaskDto {
  const [task, setTask] = useState(initialTask);
  const [tracked, setTracked] = useState(initialTask);

  // A newer DTO from the server (a re-render after an action) replaces ours.
  if (tracked !== initialTask) {
    setTracked(initialTask);
    if (initialTask.id !== task.id || rank(initialTask) >= rank(task)) setTask(initialTask);
  }

  const taskId = task.id;
  const finished = isTerminal(task.status);
  useEffect(() => {
    if (finished) return;
    return subscribeToTask(taskId, { onTask: setTask });
  }, [taskId, finished]);

  return task;
}

/** Orders snapshots of one task, so a stale one never overwrites a fresher one. */
function rank(task: TaskDto): number {
  const order = { submitting: 0, queued: 1, running: 2, succeeded: 3, failed: 3 } as const;
  return order[task.status] * 1000 + (task.progress ?? 0) * 5 + task.clips.length;
}
