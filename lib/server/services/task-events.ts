import { EventEmitter } from "node:events";

// The in-process bus between the code that changes tasks (sync, submit) and the
// Server-Sent Events streams watching them. It carries only "task X changed": each
// stream re-reads the database for what its viewer may see. Kept on globalThis because
// Next.js bundles instrumentation (the poller) and route handlers separately, and
// they must share one bus. Streams also re-check the database slowly, which covers
// changes made by another process.

type Listener = (taskId: string) => void;

/** The channel that hears every task's changes (per-user notification streams); no task id looks like it. */
const ANY_TASK = "*";

const holder = globalThis as typeof globalThis & { __songloftTaskBus?: EventEmitter };

function bus(): EventEmitter {
  if (!holder.__songloftTaskBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one listener per open stream; many viewers are expected
    holder.__songloftTaskBus = emitter;
  }
  return holder.__songloftTaskBus;
}

/** Call after the change is committed, never inside a transaction that might roll back. */
export function publishTaskChange(taskId: string) {
  bus().emit(taskId, taskId);
  bus().emit(ANY_TASK, taskId);
}

export function subscribeTaskChanges(taskId: string, listener: Listener): () => void {
  const emitter = bus();
  emitter.on(taskId, listener);
  return () => emitter.off(taskId, listener);
}

/** Every task's changes: the listener decides which concern it (re-reading the database). */
export function subscribeAllTaskChanges(listener: Listener): () => void {
  const emitter = bus();
  emitter.on(ANY_TASK, listener);
  return () => emitter.off(ANY_TASK, listener);
}
