"use client";

import type { TaskDto, TaskStatus } from "@/lib/dto";

// One way to follow a task from the browser: Server-Sent Events from
// /api/v1/tasks/<id>/events, with a plain GET of /api/v1/tasks/<id> whenever the
// stream drops, so a missed terminal update is never lost. Watching costs no vendor
// calls: both endpoints read the database only (PERF-4).

export function isTerminal(status: TaskStatus): boolean {
  return status === "succeeded" || status === "failed";
}

export interface TaskSubscription {
  onTask: (task: TaskDto) => void;
  /** The task is gone or no longer visible (404/401/403): following it is pointless. */
  onGone?: () => void;
}

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 15_000;

/** A TaskDto from a stream event, or from the `{task}` answer of GET /api/v1/tasks/<id>. */
export function parseTaskMessage(data: string): TaskDto | null {
  try {
    const value = JSON.parse(data) as unknown;
    if (!value || typeof value !== "object") return null;
    const task = "task" in value ? (value as { task: unknown }).task : value;
    return task && typeof task === "object" && "id" in task && "status" in task ? (task as TaskDto) : null;
  } catch {
    return null;
  }
}

async function fetchTask(taskId: string): Promise<TaskDto | "gone" | null> {
  try {
    const res = await fetch(`/api/v1/tasks/${encodeURIComponent(taskId)}`, { cache: "no-store", credentials: "same-origin" });
    if (res.status === 404 || res.status === 401 || res.status === 403) return "gone";
    if (!res.ok) return null;
    return parseTaskMessage(await res.text());
  } catch {
    return null;
  }
}

/** Follows a task until it reaches a terminal status; returns the unsubscribe function. */
export function subscribeToTask(taskId: string, { onTask, onGone }: TaskSubscription): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const stop = () => {
    stopped = true;
    source?.close();
    source = null;
    clearTimeout(timer);
  };

  const deliver = (task: TaskDto | null) => {
    if (stopped || !task || task.id !== taskId) return;
    failures = 0;
    onTask(task);
    if (isTerminal(task.status)) stop();
  };

  const open = () => {
    if (stopped) return;
    source = new EventSource(`/api/v1/tasks/${encodeURIComponent(taskId)}/events`);
    // The stream names its events `task`; each carries one TaskDto.
    source.addEventListener("task", (event) => deliver(parseTaskMessage((event as MessageEvent<string>).data)));
    source.onerror = () => {
      // The browser would retry on its own, but also after the server closed a finished
      // stream; we take over: close, catch up with one GET, then reopen with backoff.
      source?.close();
      source = null;
      if (stopped) return;
      void recover();
    };
  };

  const recover = async () => {
    const latest = await fetchTask(taskId);
    if (stopped) return;
    if (latest === "gone") {
      stop();
      onGone?.();
      return;
    }
    deliver(latest);
    if (stopped) return;
    failures += 1;
    const delay = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.min(failures - 1, 4));
    timer = setTimeout(open, delay * (0.75 + Math.random() * 0.5));
  };

  open();
  return stop;
}

/** Resolves with the task once it is terminal (lyrics writing waits on this); rejects with the signal's reason when aborted. */
export function waitForTask(taskId: string, signal?: AbortSignal): Promise<TaskDto> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      unsubscribe();
      reject(signal!.reason);
    };
    const unsubscribe = subscribeToTask(taskId, {
      onTask: (task) => {
        if (!isTerminal(task.status)) return;
        signal?.removeEventListener("abort", onAbort);
        resolve(task);
      },
      onGone: () => {
        signal?.removeEventListener("abort", onAbort);
        reject(new Error("The task is gone."));
      },
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
