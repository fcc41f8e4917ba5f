import type { Viewer } from "@/lib/domain";
import type { TaskDto } from "@/lib/dto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { GenerationInput, LyricsInput, StoredRequest } from "@/lib/schemas/generate";
import { getTaskRow, insertTaskOrGetExisting } from "@/lib/server/data/tasks";
import type { TaskRow } from "@/lib/server/db/schema";
import { newId, newSecret, sha256Hex } from "@/lib/server/ids";
import { logger } from "@/lib/server/logger";
import type { SubmitResult } from "@/lib/server/providers/types";
import { resolveMusicRequest, resolveProvider } from "./generate-request";
import { assertWithinQuota } from "./quotas";
import { applyVendorTask, countTaskStatus, failOpenTask, markTaskSubmitted } from "./sync-task";
import { describeSubmitError } from "./task-errors";
import { buildTaskDto } from "./task-view";

// Submitting a song or lyrics (DESIGN "Life of a song" 1–2). The task row, holding the
// idempotency key, is committed before the vendor is called, so a repeat or a double
// click finds it and never calls the vendor again. The vendor call runs outside any
// transaction and is never retried: a submit that fails before a task id ends the task
// failed with a plain reason; one that times out may have created a task at the
// vendor, and says so (REL-4).

/** The poller asks about a new task this long after the vendor accepted it. */
export const FIRST_POLL_AFTER_MS = 5_000;
/**
 * A task still `submitting` this long after it was written lost its submitter (a
 * crash mid-call): longer than any adapter's submit timeout (sunohub: 180 s).
 */
export const SUBMIT_DEADLINE_MS = 4 * 60_000;

export interface SubmitOptions {
  /** From the `Idempotency-Key` header or the create form's hidden field. */
  idempotencyKey?: string;
}

export interface SubmitOutcome {
  task: TaskDto;
  /** False when the key had been used already and the earlier task came back. */
  created: boolean;
  /** The vendor refused before giving a task id (the API answers 502). */
  rejected: boolean;
}

export type Requester = Pick<Viewer, "id"> & Partial<Pick<Viewer, "role">>;

export async function submitGeneration(viewer: Requester, input: GenerationInput, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const resolved = resolveMusicRequest(viewer, input);
  return submitTask(viewer, options, {
    providerId: resolved.provider.id,
    kind: resolved.kind,
    request: resolved.request,
    sourceClipId: resolved.sourceClipId,
    call: (callbackUrl) => resolved.provider.adapter.submitMusic({ ...resolved.vendorInput, ...(callbackUrl ? { callbackUrl } : {}) }),
  });
}

export async function submitLyrics(viewer: Requester, input: LyricsInput, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const provider = resolveProvider(input.provider);
  return submitTask(viewer, options, {
    providerId: provider.id,
    kind: "lyrics",
    request: { prompt: input.prompt },
    sourceClipId: null,
    call: (callbackUrl) => provider.adapter.submitLyrics({ prompt: input.prompt, ...(callbackUrl ? { callbackUrl } : {}) }),
  });
}

export interface Submission {
  providerId: string;
  kind: TaskRow["kind"];
  request: StoredRequest;
  sourceClipId: string | null;
  call: (callbackUrl: string | undefined) => Promise<SubmitResult>;
}

/** Writes the task, then calls the vendor once (shared by every operation in ./operations.ts). */
export async function submitTask(viewer: Requester, options: SubmitOptions, s: Submission): Promise<SubmitOutcome> {
  const now = new Date();
  const taskId = newId();
  const callback = callbackFor(s.providerId);
  const { task, created } = insertTaskOrGetExisting(
    {
      id: taskId,
      ownerId: viewer.id,
      providerId: s.providerId,
      kind: s.kind,
      request: s.request,
      status: "submitting",
      idempotencyKey: options.idempotencyKey ?? null,
      callbackSecretHash: callback?.secretHash ?? null,
      sourceClipId: s.sourceClipId,
      createdAt: now,
      updatedAt: now,
      nextPollAt: new Date(now.getTime() + SUBMIT_DEADLINE_MS),
    },
    // REL-13: over quota is a 429 here, before the row exists and before any vendor call.
    () => assertWithinQuota(viewer.id, s.kind, now),
  );
  if (!created) {
    if (task.providerId !== s.providerId || task.kind !== s.kind || !sameRequest(task.request, s.request)) {
      throw new AppError("conflict", "This Idempotency-Key was already used for a different request.", { key: "create.errors.keyReused" });
    }
    return outcome(task, viewer, false);
  }
  countTaskStatus(task, "submitting");

  let result: SubmitResult;
  try {
    result = await s.call(callback?.url);
  } catch (err) {
    const failure = describeSubmitError(err);
    if (failure.code === "internal") logger.error("submit failed unexpectedly", { taskId, providerId: s.providerId, err });
    failOpenTask(taskId, failure, { now: new Date(), raw: failure.details?.raw ?? undefined });
    return outcome(getTaskRow(taskId) ?? task, viewer, true);
  }

  const acceptedAt = new Date();
  const nextPollAt = new Date(acceptedAt.getTime() + FIRST_POLL_AFTER_MS);
  markTaskSubmitted(taskId, result.vendorTaskId, result.raw, { now: acceptedAt, nextPollAt });
  // Some vendors answer with the finished task (lyrics, sunohub's synchronous mode).
  if (result.task) applyVendorTask(taskId, result.task, { now: acceptedAt, nextPollAt });
  return outcome(getTaskRow(taskId) ?? task, viewer, true);
}

function outcome(task: TaskRow, viewer: Requester, created: boolean): SubmitOutcome {
  return { task: buildTaskDto(task, viewer), created, rejected: task.status === "failed" && !task.vendorTaskId };
}

/** With APP_URL set, the vendor may call back on a per-task secret URL; only its hash is stored (SEC-9). */
function callbackFor(providerId: string): { url: string; secretHash: string } | null {
  const base = env().APP_URL;
  if (!base) return null;
  const secret = newSecret();
  return { url: `${base}/api/webhooks/${encodeURIComponent(providerId)}/${secret}`, secretHash: sha256Hex(secret) };
}

function sameRequest(stored: unknown, requested: StoredRequest): boolean {
  return JSON.stringify(stored) === JSON.stringify(requested);
}
