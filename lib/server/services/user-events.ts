import type { TaskDto } from "@/lib/dto";
import { latestTaskEventId, listFinishedTaskEventsForOwner } from "@/lib/server/data/task-notices";
import { holdOpen, sseWriter } from "./sse-writer";
import { subscribeAllTaskChanges } from "./task-events";
import { getTaskForViewer } from "./task-view";

// One member's notification stream (GET /api/v1/me/events): an event each time one of
// their own tasks finishes or fails, wherever it was started, so the studio can tell
// them on any page. The cursor is the id of the task's terminal status event; it goes
// out as the SSE id, so a browser that reconnects (Last-Event-ID) gets what it missed
// and nothing twice. A fresh stream starts at the newest event: tasks that finished
// before the page loaded are never announced. Changes arrive through the task bus; a
// slow re-read covers another process's changes.

export interface UserEventStreamOptions {
  /** The Last-Event-ID the browser sent when reconnecting. */
  lastEventId?: string | null;
  recheckMs?: number;
  keepAliveMs?: number;
  /** Asked before every read: false (a revoked session or token) ends the stream. */
  stillAllowed?: () => boolean;
  onClose?: () => void;
}

const BATCH = 20;
/** A reconnect replays at most this many finished tasks, so an old cursor cannot flood the page. */
const MAX_REPLAY = 50;

/** The event ids the SSE `id` field carries; anything else (or an id from the future) starts from now. */
function cursorFrom(lastEventId: string | null | undefined, latest: number): number {
  if (!lastEventId || !/^\d{1,15}$/.test(lastEventId)) return latest;
  const id = Number(lastEventId);
  return id <= latest ? id : latest;
}

export function openUserEventStream(userId: string, signal: AbortSignal, options: UserEventStreamOptions = {}): ReadableStream<Uint8Array> {
  const cleanups: (() => void)[] = options.onClose ? [options.onClose] : [];
  const cleanup = () => cleanups.splice(0).forEach((fn) => fn());
  const viewer = { id: userId }; // no role: even an admin hears only about their own tasks

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let cursor = cursorFrom(options.lastEventId, latestTaskEventId());
      let scheduled = false;
      const sse = sseWriter(controller, cleanup);
      const { write, close } = sse;
      const refresh = () => {
        scheduled = false;
        if (sse.closed) return;
        if (options.stillAllowed && !options.stillAllowed()) return close();
        for (let sent = 0; sent < MAX_REPLAY;) {
          const batch = listFinishedTaskEventsForOwner(userId, cursor, BATCH);
          for (const { eventId, taskId } of batch) {
            cursor = eventId;
            const task: TaskDto | null = getTaskForViewer(taskId, viewer);
            if (task) write(`id: ${eventId}\nevent: task\ndata: ${JSON.stringify(task)}\n\n`);
            sent += 1;
          }
          if (batch.length < BATCH) break;
        }
      };
      // Many tasks change at once in a busy team: one read per burst, not one per change.
      const schedule = () => {
        if (scheduled || sse.closed) return;
        scheduled = true;
        setImmediate(refresh);
      };

      write(`retry: 3000\nid: ${cursor}\nevent: ready\ndata: {}\n\n`);
      if (options.lastEventId) refresh();
      cleanups.push(subscribeAllTaskChanges(schedule));
      holdOpen(sse, cleanups, signal, { recheck: schedule, recheckMs: options.recheckMs ?? 10_000, keepAliveMs: options.keepAliveMs ?? 15_000 });
    },
    cancel() {
      cleanup();
    },
  });
}
