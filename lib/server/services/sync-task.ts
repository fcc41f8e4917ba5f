import { SONG_TASK_KINDS } from "@/lib/domain";
import type { MusicRequest, PersonaRequest } from "@/lib/schemas/generate";
import { setClipFormatUrl, setClipSegments } from "@/lib/server/data/clips";
import { insertPersonaOnce } from "@/lib/server/data/personas";
import { upsertVendorClips } from "@/lib/server/data/clip-sync";
import { getTaskForSync, getTaskRow, insertTaskEvent, isTerminal, scheduleOpenTask, updateOpenTask } from "@/lib/server/data/tasks";
import { inTransaction } from "@/lib/server/data/transaction";
import type { NewTaskRow, TaskRow } from "@/lib/server/db/schema";
import { metrics } from "@/lib/server/metrics";
import type { VendorTask } from "@/lib/server/providers/types";
import { enqueueClipMedia } from "./archive-media";
import { describeVendorFailure, noLyricsFailure, noOutputFailure, type TaskFailure } from "./task-errors";
import { publishTaskChange } from "./task-events";
import { enqueueTaskWebhooks } from "./webhook-delivery";
import { wakeWebhookWorker } from "./webhook-worker";

// Applies what the vendor said to the database: one short synchronous transaction per
// task (REL-2), no network inside. A finished task is never touched again, so late
// or repeated answers (polls, callbacks) change nothing (REL-4). Listeners hear about
// a change only after it is committed.

const STATUS_RANK: Record<TaskRow["status"], number> = { submitting: 0, queued: 1, running: 2, succeeded: 3, failed: 3 };

export interface ApplyOptions {
  now: Date;
  /** When to ask the vendor again if the task is still open. */
  nextPollAt: Date;
}

export interface ApplyOutcome {
  changed: boolean;
  status: TaskRow["status"] | null;
}

/**
 * songloft_tasks_total: one count each time a task reaches a status, counted after the
 * change committed. A counter of transitions, not a count of rows, so a scrape costs
 * nothing at a million tasks and rate() gives songs finished per minute.
 */
export function countTaskStatus(task: Pick<TaskRow, "providerId" | "kind">, status: TaskRow["status"]) {
  metrics().tasks.inc({ provider: task.providerId, kind: task.kind, status });
}

export function applyVendorTask(taskId: string, vt: VendorTask, options: ApplyOptions): ApplyOutcome {
  const { transition, ...outcome } = inTransaction(() => applyInside(taskId, vt, options));
  if (transition) countTaskStatus(transition, transition.status);
  if (outcome.changed) publishTaskChange(taskId);
  // A finished task is never changed again, so a change to a terminal status is the finish itself.
  if (outcome.changed && outcome.status && isTerminal(outcome.status)) wakeWebhookWorker();
  return outcome;
}

type ApplyResult = ApplyOutcome & { transition?: Pick<TaskRow, "providerId" | "kind" | "status"> };

function applyInside(taskId: string, vt: VendorTask, { now, nextPollAt }: ApplyOptions): ApplyResult {
  const task = getTaskForSync(taskId);
  if (!task || isTerminal(task.status)) return { changed: false, status: task?.status ?? null };

  const request = task.request as Partial<MusicRequest> & { segments?: string[] };
  const makesClips = (SONG_TASK_KINDS as readonly string[]).includes(task.kind);
  const clipResult = !makesClips
    ? { changed: false, succeededIds: [] as string[], clipIds: [] as string[] }
    : upsertVendorClips(task.kind === "concat" ? vt.clips.slice(0, 1) : vt.clips, {
        task,
        model: request.model ?? "unknown",
        prompt: request.description ?? null,
        parentClipId: task.sourceClipId,
        continueAt: request.extend?.continueAt ?? null,
        now,
      });
  // A whole song lists the clips it joins; the chain was fixed when it was asked for.
  if (task.kind === "concat" && request.segments && clipResult.changed) setClipSegments(clipResult.clipIds, request.segments, now);
  for (const clipId of clipResult.succeededIds) enqueueClipMedia(clipId);

  let status = STATUS_RANK[vt.status] < STATUS_RANK[task.status] ? task.status : vt.status;
  let failure: TaskFailure | null = status === "failed" ? describeVendorFailure(vt.error) : null;
  const result = task.kind === "lyrics" && status === "succeeded" ? vt.lyrics : null;
  if (task.kind === "lyrics" && status === "succeeded" && !result) {
    status = "failed";
    failure = noLyricsFailure();
  }
  // WAV, video and persona tasks make no clip: their result lands on the source clip or in personas.
  let formatReady: { format: "wav" | "video"; url: string } | null = null;
  if ((task.kind === "wav" || task.kind === "video") && status === "succeeded") {
    const url = vt.formats?.[task.kind];
    if (url && task.sourceClipId) formatReady = { format: task.kind, url };
    else {
      status = "failed";
      failure = noOutputFailure(task.kind === "wav" ? "a WAV file" : "a video");
    }
  }
  if (task.kind === "persona" && status === "succeeded") {
    const made = vt.persona?.vendorPersonaId;
    const ask = task.request as Partial<PersonaRequest>;
    if (made && task.sourceClipId) {
      insertPersonaOnce({
        id: task.id,
        ownerId: task.ownerId,
        providerId: task.providerId,
        taskId: task.id,
        sourceClipId: task.sourceClipId,
        vendorPersonaId: made,
        name: ask.name ?? "",
        description: ask.description ?? null,
        createdAt: now,
      });
    } else {
      status = "failed";
      failure = noOutputFailure("a persona");
    }
  }
  if (formatReady && task.sourceClipId) setClipFormatUrl(task.sourceClipId, formatReady.format, formatReady.url, now);
  const terminal = isTerminal(status);
  const progress = terminal ? (status === "succeeded" ? 100 : task.progress) : (vt.progress ?? task.progress);

  const values: Partial<NewTaskRow> = {
    status,
    progress,
    vendorStatus: vt.vendorStatus || task.vendorStatus,
    submittedAt: task.submittedAt ?? vt.submittedAt ?? now,
    startedAt: task.startedAt ?? (status === "queued" ? null : (vt.startedAt ?? now)),
    finishedAt: terminal ? (vt.finishedAt ?? now) : null,
    result: result ?? task.result,
    errorCode: failure?.code ?? null,
    errorMessage: failure?.message ?? null,
  };
  const changed =
    clipResult.changed ||
    values.status !== task.status ||
    values.progress !== task.progress ||
    values.vendorStatus !== task.vendorStatus ||
    (result !== null && task.result === null);

  if (formatReady && task.sourceClipId) enqueueClipMedia(task.sourceClipId);
  if (!changed) {
    scheduleOpenTask(taskId, nextPollAt, task.pollCount + 1);
    return { changed: false, status: task.status };
  }
  const schedule: Partial<NewTaskRow> = { nextPollAt: terminal ? null : nextPollAt, pollCount: task.pollCount + 1 };
  updateOpenTask(taskId, {
    ...values,
    ...schedule,
    rawPayload: vt.raw ?? null,
    errorDetails: failure ? storedDetails(failure) : null,
    updatedAt: now,
  });
  if (values.status !== task.status || values.vendorStatus !== task.vendorStatus) {
    insertTaskEvent({ taskId, at: now, status, progress: progress ?? null, message: failure?.message ?? vt.vendorStatus ?? null });
  }
  // The team's webhooks hear about it in the same transaction: committed together or not at all.
  if (terminal) enqueueTaskWebhooks(taskId, now);
  return { changed: true, status, ...(status !== task.status ? { transition: { providerId: task.providerId, kind: task.kind, status } } : {}) };
}

/** The failure's details, with the vendor's own words (or null) where the task view reads them. */
function storedDetails(failure: TaskFailure): Record<string, unknown> {
  return { ...failure.details, vendorMessage: failure.vendorMessage };
}

/** Ends an unfinished task as failed; false when it had already finished. */
export function failOpenTask(taskId: string, failure: TaskFailure, options: { now: Date; raw?: unknown }): boolean {
  const failed = inTransaction(() => {
    const task = getTaskForSync(taskId);
    if (!task || isTerminal(task.status)) return null;
    const ok = updateOpenTask(taskId, {
      status: "failed",
      errorCode: failure.code,
      errorMessage: failure.message,
      errorDetails: storedDetails(failure),
      finishedAt: options.now,
      nextPollAt: null,
      updatedAt: options.now,
      ...(options.raw === undefined ? {} : { rawPayload: options.raw }),
    });
    if (!ok) return null;
    insertTaskEvent({ taskId, at: options.now, status: "failed", progress: null, message: failure.message });
    enqueueTaskWebhooks(taskId, options.now);
    return task;
  });
  if (!failed) return false;
  countTaskStatus(failed, "failed");
  publishTaskChange(taskId);
  wakeWebhookWorker();
  return true;
}

/** The vendor accepted the submission: the task is queued under the vendor's id. */
export function markTaskSubmitted(taskId: string, vendorTaskId: string, raw: unknown, options: ApplyOptions): boolean {
  const submitted = inTransaction(() => {
    const task = getTaskRow(taskId);
    if (!task || task.status !== "submitting") return null;
    updateOpenTask(taskId, {
      status: "queued",
      vendorTaskId,
      vendorStatus: "submitted",
      rawPayload: raw ?? null,
      submittedAt: options.now,
      nextPollAt: options.nextPollAt,
      updatedAt: options.now,
    });
    insertTaskEvent({ taskId, at: options.now, status: "queued", progress: null, message: "submitted" });
    return task;
  });
  if (!submitted) return false;
  countTaskStatus(submitted, "queued");
  publishTaskChange(taskId);
  return true;
}

/** A poll that got no usable answer: try again later, remembering why. */
export function recordPollProblem(taskId: string, problem: unknown, options: ApplyOptions) {
  const task = getTaskForSync(taskId);
  if (!task || isTerminal(task.status)) return;
  updateOpenTask(taskId, {
    nextPollAt: options.nextPollAt,
    pollCount: task.pollCount + 1,
    errorDetails: { lastProblem: problem, at: options.now.toISOString() },
  });
}

/** A callback arrived: poll this task at the next opportunity (a task still submitting keeps its deadline). */
export function requestImmediatePoll(taskId: string, now: Date): boolean {
  const task = getTaskRow(taskId);
  if (!task || (task.status !== "queued" && task.status !== "running")) return false;
  return updateOpenTask(taskId, { nextPollAt: now });
}
