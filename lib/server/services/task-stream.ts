import type { TaskDto } from "@/lib/dto";
import { holdOpen, sseWriter } from "./sse-writer";
import { subscribeTaskChanges } from "./task-events";
import { getTaskForViewer, type TaskViewer } from "./task-view";

// A task as Server-Sent Events: the current TaskDto at once, then every change, then
// the stream closes at a terminal status. Changes arrive through the in-process bus;
// a slow re-read of the database covers anything the bus cannot see (another process)
// and advances the progress estimate. Watching reads the database only, so any number
// of viewers cost the vendor nothing (PERF-4).

export interface TaskStreamOptions {
  /** How often the stream re-reads the task without being told. */
  recheckMs?: number;
  /** Comment lines that keep proxies from closing an idle stream. */
  keepAliveMs?: number;
  /** Asked before every re-read: false (a revoked session or token) ends the stream. */
  stillAllowed?: () => boolean;
  /** Called once when the stream ends, whoever ends it. */
  onClose?: () => void;
}

const isTerminal = (task: TaskDto) => task.status === "succeeded" || task.status === "failed";

/** Null when the viewer may not see the task (the route answers 404). */
export function openTaskStream(taskId: string, viewer: TaskViewer, signal: AbortSignal, options: TaskStreamOptions = {}): ReadableStream<Uint8Array> | null {
  const first = getTaskForViewer(taskId, viewer);
  if (!first) return null;
  const cleanups: (() => void)[] = options.onClose ? [options.onClose] : [];
  const cleanup = () => cleanups.splice(0).forEach((fn) => fn());

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      const sse = sseWriter(controller, cleanup);
      const { write, close } = sse;
      const push = (task: TaskDto | null) => {
        if (sse.closed) return;
        if (!task) return close(); // deleted or no longer visible
        const json = JSON.stringify(task);
        if (json !== last) {
          last = json;
          write(`event: task\ndata: ${json}\n\n`);
        }
        if (isTerminal(task)) close();
      };
      const refresh = () => {
        if (options.stillAllowed && !options.stillAllowed()) return close();
        push(getTaskForViewer(taskId, viewer));
      };

      write("retry: 2000\n\n");
      push(first);
      if (sse.closed) return;
      cleanups.push(subscribeTaskChanges(taskId, refresh));
      holdOpen(sse, cleanups, signal, { recheck: refresh, recheckMs: options.recheckMs ?? 5_000, keepAliveMs: options.keepAliveMs ?? 15_000 });
    },
    cancel() {
      cleanup();
    },
  });
}
