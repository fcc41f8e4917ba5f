import type { TaskKind } from "@/lib/domain";
import type { TaskDto } from "@/lib/dto";
import { AppError } from "@/lib/errors";
import { generationBodySchema, lyricsBodySchema, personaBodySchema, type MusicRequest, type PersonaRequest } from "@/lib/schemas/generate";
import type { TaskListQuery } from "@/lib/schemas/tasks";
import { listTaskRows, taskHasClipVisibleTo } from "@/lib/server/data/task-list";
import { getTaskRow } from "@/lib/server/data/tasks";
import type { TaskRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { submitGeneration, submitLyrics, type SubmitOptions, type SubmitOutcome } from "./generate";
import { submitClipOperation, submitConcat, submitPersona } from "./operations";
import { buildTaskDtos, readableTaskRow, type TaskViewer } from "./task-view";

// Task history (/tasks, GET /api/v1/tasks), Retry and "Reuse settings". A retry is a new
// task with the same stored request under a fresh idempotency key: the failed task stays
// as it was (a terminal state is final, REL-4) and the history shows both.

export interface TaskPageDto {
  items: TaskDto[];
  nextCursor: string | null;
}

/** The viewer's tasks (or, for an admin asking scope=all, everyone's), newest first: one statement for the page, three for its DTOs. */
export function listTaskHistory(viewer: TaskViewer, query: TaskListQuery, now = new Date()): TaskPageDto {
  if (query.scope === "all" && viewer.role !== "admin") {
    throw new AppError("forbidden", "Only admins can list everyone's tasks.", { key: "tasks.history.errors.allAdminOnly" });
  }
  const page = listTaskRows({
    ownerId: query.scope === "all" ? null : viewer.id,
    status: query.status,
    kind: query.kind,
    provider: query.provider,
    cursor: query.cursor,
    limit: query.limit,
  });
  return { items: buildTaskDtos(page.items, viewer, now), nextCursor: page.nextCursor };
}

/** Sends a failed task's stored request again, as its owner. */
export type RetryTask = (viewer: TaskViewer, task: TaskRow, options: SubmitOptions) => Promise<SubmitOutcome>;

const cannotResend = () => new AppError("conflict", "This task's stored request can no longer be sent; start a new one instead.", { key: "tasks.history.errors.requestUnusable" });

/** Songs (music, extend, cover): the stored MusicRequest is a complete generation body again. */
export const retryGeneration: RetryTask = (viewer, task, options) => {
  const parsed = generationBodySchema.safeParse({ ...(task.request as MusicRequest), provider: task.providerId });
  if (!parsed.success) throw cannotResend();
  return submitGeneration(viewer, parsed.data, options);
};

const retryLyrics: RetryTask = (viewer, task, options) => {
  const parsed = lyricsBodySchema.safeParse({ prompt: (task.request as { prompt?: unknown }).prompt, provider: task.providerId });
  if (!parsed.success) throw cannotResend();
  return submitLyrics(viewer, parsed.data, options);
};

/** The clip an operation task was about (concat, stems, wav, video, persona). */
function requestedClip(task: TaskRow): string {
  const clipId = (task.request as { clipId?: unknown }).clipId;
  if (typeof clipId !== "string" || clipId === "") throw cannotResend();
  return clipId;
}

// A whole song is asked for again from the same last extension: the chain is read anew.
const retryConcat: RetryTask = (viewer, task, options) => submitConcat(viewer, { provider: task.providerId, concat: { clipId: requestedClip(task) } }, options);
const retryClipOperation =
  (kind: "stems" | "wav" | "video"): RetryTask =>
  (viewer, task, options) =>
    submitClipOperation(viewer, requestedClip(task), kind, options);
const retryPersona: RetryTask = (viewer, task, options) => {
  const parsed = personaBodySchema.safeParse({ ...(task.request as PersonaRequest), clipId: requestedClip(task) });
  if (!parsed.success) throw cannotResend();
  return submitPersona(viewer, parsed.data, options);
};

/**
 * How each kind is sent again. A kind without an entry answers 409 (uploads are not
 * tasks a person starts: an upload is a file, registered when it is extended or covered).
 */
const RETRIES = new Map<TaskKind, RetryTask>([
  ["music", retryGeneration],
  ["extend", retryGeneration],
  ["cover", retryGeneration],
  ["lyrics", retryLyrics],
  ["concat", retryConcat],
  ["stems", retryClipOperation("stems")],
  ["wav", retryClipOperation("wav")],
  ["video", retryClipOperation("video")],
  ["persona", retryPersona],
]);

const taskNotFound = () => new AppError("not_found", "Task not found.", { key: "tasks.history.errors.notFound" });

/**
 * Retry: only the owner, only a failed task. Members who do not own it get 404 (SEC-2);
 * an admin, who may read it, gets 403. The new task gets the caller's Idempotency-Key
 * (a double click returns the same retry) or a fresh one, never the failed task's.
 */
export async function retryTask(viewer: TaskViewer, taskId: string, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const task = readableTaskRow(taskId, viewer);
  if (!task) throw taskNotFound();
  if (task.ownerId !== viewer.id) throw new AppError("forbidden", "Only the task's owner can retry it.", { key: "tasks.history.errors.ownerOnly" });
  if (task.status !== "failed") throw new AppError("conflict", "Only a failed task can be retried.", { key: "tasks.history.errors.notFailed" });
  const retry = RETRIES.get(task.kind);
  if (!retry) throw new AppError("conflict", "This kind of task cannot be retried.", { key: "tasks.history.errors.kindNotRetryable" });
  return retry(viewer, task, { idempotencyKey: options.idempotencyKey ?? `retry-${newId()}` });
}

/** Whether the history shows a Retry button for the task. */
export function canRetry(viewer: TaskViewer, task: Pick<TaskDto, "owner" | "status" | "kind">): boolean {
  return task.owner.id === viewer.id && task.status === "failed" && RETRIES.has(task.kind);
}

/** What "Reuse settings" puts into the create form. */
export interface ReuseSettings {
  taskId: string;
  provider: string;
  mode: "inspiration" | "custom";
  description?: string;
  lyrics?: string;
  title?: string;
  style?: string;
  negativeStyle?: string;
  instrumental: boolean;
  model?: string;
}

const REUSABLE_KINDS: readonly TaskKind[] = ["music", "extend", "cover"];

export function isReusableKind(kind: TaskKind): boolean {
  return REUSABLE_KINDS.includes(kind);
}

/**
 * The settings of a song task, when the viewer may read them: their own task, any task
 * for an admin, or the task behind a clip the viewer may see (its words and style are
 * on the clip page already). Anything else is null, as if the task did not exist.
 */
export function getReuseSettings(viewer: TaskViewer, taskId: string): ReuseSettings | null {
  const task = readableTaskRow(taskId, viewer) ?? teamTask(viewer, taskId);
  if (!task || !isReusableKind(task.kind)) return null;
  const r = (task.request ?? {}) as Partial<MusicRequest>;
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
  return {
    taskId: task.id,
    provider: task.providerId,
    mode: r.mode === "custom" ? "custom" : "inspiration",
    description: text(r.description),
    lyrics: text(r.lyrics),
    title: text(r.title),
    style: text(r.style),
    negativeStyle: text(r.negativeStyle),
    instrumental: r.instrumental === true,
    model: text(r.model),
  };
}

function teamTask(viewer: TaskViewer, taskId: string): TaskRow | undefined {
  return taskHasClipVisibleTo(taskId, viewer.id) ? getTaskRow(taskId) : undefined;
}

/** What the clip page offers about the clip's task: a link for those who may read it, and Reuse settings for song tasks. */
export function clipTaskLinks(viewer: TaskViewer, clip: { taskId: string; owner: { id: string } }): { taskHref: string | null; reuseHref: string | null } {
  const mayRead = clip.owner.id === viewer.id || viewer.role === "admin";
  const task = getTaskRow(clip.taskId);
  return {
    taskHref: mayRead && task ? `/tasks/${task.id}` : null,
    reuseHref: task && isReusableKind(task.kind) ? `/?reuse=${encodeURIComponent(task.id)}` : null,
  };
}
