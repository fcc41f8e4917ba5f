import { AppError } from "@/lib/errors";

// How far a running export has got, for the page that started it. The page starts the
// download as a plain link navigation, so the browser streams the ZIP straight to disk
// (a fetch() would have to hold the whole file in the tab's memory to save it); the
// page names the export with an id of its own (`progress=<id>`) and asks here for
// songs and bytes written, or to cancel it. Per process and per user, like the
// export itself; finished entries linger briefly so the page sees how it ended.

export type ExportState = "running" | "finished" | "failed" | "cancelled" | "refused";

export interface ExportProgress {
  state: ExportState;
  total: number;
  done: number;
  bytes: number;
  /** Why it was refused or failed, in the API's words. */
  message?: string;
}

interface Entry extends ExportProgress {
  controller: AbortController;
  endedAt?: number;
}

const KEEP_ENDED_MS = 5 * 60_000;
const MAX_ENTRIES = 1_000;
const holder = globalThis as typeof globalThis & { __songloftExportProgress?: Map<string, Entry> };
const entries = () => (holder.__songloftExportProgress ??= new Map());
const keyOf = (userId: string, id: string) => `${userId}:${id}`;

function prune(now: number) {
  for (const [key, entry] of entries()) if (entry.endedAt && now - entry.endedAt > KEEP_ENDED_MS) entries().delete(key);
  while (entries().size > MAX_ENTRIES) entries().delete(entries().keys().next().value as string);
}

export interface ProgressHandle {
  signal: AbortSignal;
  update(values: Partial<Pick<ExportProgress, "total" | "done" | "bytes">>): void;
  end(state: Exclude<ExportState, "running">, message?: string): void;
}

/** Registers an export under the page's id; the returned signal fires when the page cancels it. */
export function trackExport(userId: string, id: string): ProgressHandle {
  prune(Date.now());
  const entry: Entry = { state: "running", total: 0, done: 0, bytes: 0, controller: new AbortController() };
  entries().set(keyOf(userId, id), entry);
  return {
    signal: entry.controller.signal,
    update: (values) => void Object.assign(entry, values),
    end(state, message) {
      if (entry.state !== "running") return;
      Object.assign(entry, { state, message, endedAt: Date.now() });
    },
  };
}

const unknown = () => new AppError("not_found", "No export with this id is running or ended recently.");

export function readExportProgress(userId: string, id: string): ExportProgress {
  const entry = entries().get(keyOf(userId, id));
  if (!entry) throw unknown();
  const { state, total, done, bytes, message } = entry;
  return { state, total, done, bytes, ...(message ? { message } : {}) };
}

/** Stops a running export: its ZIP ends at once and the download fails, as a cancelled one should. */
export function cancelExport(userId: string, id: string): void {
  const entry = entries().get(keyOf(userId, id));
  if (!entry) throw unknown();
  if (entry.state === "running") {
    entry.state = "cancelled";
    entry.endedAt = Date.now();
    entry.controller.abort();
  }
}
