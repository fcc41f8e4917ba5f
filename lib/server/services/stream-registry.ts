// Every open task event stream in this process (REL-11). Streams are capped per user
// and per task so one token cannot hold thousands of them open, and all of them are
// closed at shutdown so SIGTERM does not wait for clients to leave. Kept on globalThis:
// the shutdown hook (instrumentation) and the route handler are bundled separately.

/** A page follows at most six in-flight songs, so this is several busy tabs; each stream holds about 125 KB. */
export const MAX_STREAMS_PER_USER = 30;
/** Each tab that shows a task follows it once. */
export const MAX_STREAMS_PER_TASK = 10;
/** Every studio tab holds one notification stream (GET /api/v1/me/events); counted apart from the task streams. */
export const MAX_FEEDS_PER_USER = 10;

/** The registry key of a user's notification streams: never a task id (those are base64url). */
const feedKey = (userId: string) => `feed:${userId}`;

interface OpenStream {
  userId: string;
  taskId: string;
  close(): void;
}

type Registry = { streams: Set<OpenStream>; closing: boolean };
const holder = globalThis as typeof globalThis & { __songloftStreams?: Registry };

function registry(): Registry {
  return (holder.__songloftStreams ??= { streams: new Set(), closing: false });
}

export type Admission = { admitted: true; release(): void } | { admitted: false; reason: "too_many" | "shutting_down" };

/** Admits a new stream unless a cap is reached or the server is shutting down; `close` ends it from the server side. */
export function admitStream(userId: string, taskId: string, close: () => void): Admission {
  const { streams, closing } = registry();
  if (closing) return { admitted: false, reason: "shutting_down" };
  let forUser = 0;
  let forTask = 0;
  for (const s of streams) {
    if (s.userId === userId && !s.taskId.startsWith("feed:")) forUser += 1;
    if (s.taskId === taskId) forTask += 1;
  }
  if (forUser >= MAX_STREAMS_PER_USER || forTask >= MAX_STREAMS_PER_TASK) return { admitted: false, reason: "too_many" };
  const entry: OpenStream = { userId, taskId, close };
  streams.add(entry);
  return { admitted: true, release: () => streams.delete(entry) };
}

/** Admits a user's notification stream (one per open tab) unless they hold MAX_FEEDS_PER_USER or the server is shutting down. */
export function admitFeed(userId: string, close: () => void): Admission {
  const { streams, closing } = registry();
  if (closing) return { admitted: false, reason: "shutting_down" };
  const key = feedKey(userId);
  let open = 0;
  for (const s of streams) if (s.taskId === key) open += 1;
  if (open >= MAX_FEEDS_PER_USER) return { admitted: false, reason: "too_many" };
  const entry: OpenStream = { userId, taskId: key, close };
  streams.add(entry);
  return { admitted: true, release: () => streams.delete(entry) };
}

/** Shutdown: refuse new streams and close every open one; returns how many were open. */
export function closeAllStreams(): number {
  const reg = registry();
  reg.closing = true;
  const open = [...reg.streams];
  reg.streams.clear();
  for (const s of open) s.close();
  return open.length;
}
