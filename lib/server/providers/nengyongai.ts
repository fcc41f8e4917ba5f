import { z } from "zod";
import { classifyNengyongaiError } from "./error-map";
import { modelsFor } from "./model-map";
import { NEWAPI_FAMILY_CAPABILITIES, NEWAPI_FAMILY_UNCONFIRMED, newapiFamilyClient, parseNewapiTask } from "./newapi";
import { id, isRecord, parseClips, sunoClipSchema, text, toSunoClip } from "./suno-clip";
import { failureMessage, guardSucceeded, orderStems, progressHeuristic, statusFromClips } from "./suno-task";
import { VendorError, type ProviderAdapter, type ProviderConfig, type VendorTask, type VendorTaskStatus } from "./types";
import { probeConnection, type AdapterOptions } from "./vendor-http";

// Vendor 2: nengyongai (REFERENCE §A2). Submits follow the bltcy template; fetch
// answers come in the GoAPI envelope (`clips` keyed by id, `input` as a JSON string)
// or in new-api's TaskDto, so both parse. There is no batch fetch. A task that made a
// file or a persona (WAV, MP4…) has no GoAPI form anywhere; it parses as a TaskDto.

/** Parallel single fetches; enough to keep a poll round short without hammering the vendor. */
const FETCH_CONCURRENCY = 4;
/** Errors that say something about the vendor or the key, not about one task: stop asking. */
const VENDOR_WIDE = new Set(["auth", "quota", "rate_limited", "timeout"]);

const GOAPI_STATUS: Record<string, VendorTaskStatus> = {
  pending: "queued",
  submitted: "queued",
  queued: "queued",
  not_start: "queued",
  processing: "running",
  running: "running",
  streaming: "running",
  in_progress: "running",
  completed: "succeeded",
  complete: "succeeded",
  success: "succeeded",
  succeeded: "succeeded",
  failed: "failed",
  failure: "failed",
  error: "failed",
  cancelled: "failed",
};

const goapiTaskSchema = z.looseObject({
  task_id: id.optional().catch(undefined),
  status: text,
  input: text,
  fail_reason: text,
  error_message: text,
  clips: z.record(z.string(), z.unknown()).nullish().catch(null),
});

/** GoAPI `data` object → VendorTask. */
export function parseGoapiTask(raw: unknown, requestedId?: string): VendorTask | null {
  const parsed = goapiTaskSchema.safeParse(raw);
  const taskId = parsed.success ? (parsed.data.task_id ?? requestedId) : undefined;
  if (!parsed.success || !taskId) return null;
  const t = parsed.data;
  const sorted = parseClips(Object.values(t.clips ?? {}), sunoClipSchema, toSunoClip).sort(
    (a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || a.vendorClipId.localeCompare(b.vendorClipId),
  );
  const clips = orderStems(sorted);
  const vendorStatus = t.status ?? "";
  const status = GOAPI_STATUS[vendorStatus.toLowerCase()] ?? statusFromClips(clips);
  return guardSucceeded({
    vendorTaskId: taskId,
    status,
    vendorStatus,
    progress: progressHeuristic(status),
    error: status === "failed" ? { code: "generation_failed", message: failureMessage(t.fail_reason ?? t.error_message, clips) } : null,
    clips,
    lyrics: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    raw,
  });
}

/** A fetch answer in either envelope: a TaskDto has `action`/`progress`/`data`, GoAPI has `clips`/`input`. */
export function parseNengyongaiTask(data: unknown, requestedId?: string): VendorTask | null {
  if (!isRecord(data)) return null;
  const taskDto = !("clips" in data) && ("action" in data || "progress" in data || "data" in data);
  return taskDto ? parseNewapiTask(data) : parseGoapiTask(data, requestedId);
}

const envelopeSchema = z.looseObject({ data: z.unknown().optional() });

export function createNengyongaiAdapter(config: ProviderConfig, options: AdapterOptions = {}): ProviderAdapter {
  const { http, timeoutMs, fetchOne, ...operations } = newapiFamilyClient("nengyongai", config, {
    ...options,
    classify: classifyNengyongaiError,
    parse: parseNengyongaiTask,
  });

  return {
    protocol: "nengyongai",
    // The same family operations as vendor 1, and no more confirmed than there.
    capabilities: NEWAPI_FAMILY_CAPABILITIES,
    unconfirmedCapabilities: NEWAPI_FAMILY_UNCONFIRMED,
    models: modelsFor("nengyongai"),
    batchFetch: false,
    ...operations,
    async fetchTasks(vendorTaskIds) {
      const ids = [...new Set(vendorTaskIds)];
      const out = new Map<string, VendorTask>();
      let next = 0;
      let answered = 0;
      let fatal: unknown;
      let firstError: unknown;
      const worker = async () => {
        while (next < ids.length && fatal === undefined) {
          const taskId = ids[next++];
          try {
            const task = await fetchOne(taskId);
            answered += 1;
            if (task) out.set(taskId, task);
          } catch (err) {
            if (err instanceof VendorError && VENDOR_WIDE.has(err.code)) fatal = err;
            else firstError ??= err;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, ids.length) }, worker));
      if (fatal !== undefined) throw fatal;
      // One broken task must not hide the others; only a round with no answer at all fails.
      if (firstError !== undefined && answered === 0) throw firstError;
      return out;
    },
    // A made-up id passes the auth middleware and then comes back "not found": the key works.
    testConnection: () => probeConnection(() => http.request({ method: "GET", path: "/suno/fetch/songloft-connection-test", timeoutMs, schema: envelopeSchema })),
  };
}
