import { z } from "zod";
import { classifyNewapiError } from "./error-map";
import { fetchNewapiBalance } from "./newapi-balance";
import { modelsFor, vendorModelFor } from "./model-map";
import {
  buildNewapiConcatBody,
  buildNewapiMusicBody,
  buildNewapiPersonaBody,
  buildNewapiStemsBody,
  formatSubmitResult,
  operationResultOf,
  personaSubmitResult,
  uploadAnswerSchema,
} from "./newapi-requests";
import { id, isRecord, parseClips, parseTime, sunoClipSchema, text, toSunoClip } from "./suno-clip";
import { failureMessage, guardSucceeded, orderStems, parseLyrics, statusFromClips } from "./suno-task";
import { hasTimingData, parseTimedLyrics } from "./timed-lyrics";
import {
  isUploadSource,
  VendorError,
  type Capability,
  type ProviderAdapter,
  type ProviderConfig,
  type SubmitClipOperationInput,
  type SubmitConcatInput,
  type SubmitLyricsInput,
  type SubmitMusicInput,
  type SubmitPersonaInput,
  type TimedLine,
  type VendorSource,
  type VendorTask,
  type VendorTaskStatus,
} from "./types";
import { createVendorHttp, DEFAULT_TIMEOUT_MS, probeConnection, type AdapterOptions, type ErrorClassifier } from "./vendor-http";

// Vendor 1: the new-api / bltcy "Suno-API" task relay (REFERENCE §A1). nengyongai
// speaks the same submit dialect and reuses the client and the task parser below.

export { buildNewapiMusicBody };

/**
 * Every operation the family documents. Only `extend` is confirmed for vendor 1 and
 * nengyongai (their own pages); the rest come from other relays of the family
 * (newapi-requests.ts says which), so they start switched off.
 */
export const NEWAPI_FAMILY_CAPABILITIES: readonly Capability[] = ["extend", "cover", "concat", "stems", "wav", "video", "timedLyrics", "upload", "persona"];
export const NEWAPI_FAMILY_UNCONFIRMED: readonly Capability[] = NEWAPI_FAMILY_CAPABILITIES.filter((c) => c !== "extend");

const SUBMIT_TIMEOUT_MS = 60_000;
/** ≤ 1 vendor request per 100 tasks per poll round (PERF-4). */
const BATCH_SIZE = 100;

/** `data` is the task id (new-api) or `{task_id}` (GoAPI, seen on nengyongai). */
export const submitAnswerSchema = z.looseObject({ data: z.union([id, z.looseObject({ task_id: id })]) }).transform((a) => (typeof a.data === "string" ? a.data : a.data.task_id));

const NEWAPI_STATUS: Record<string, VendorTaskStatus> = {
  NOT_START: "queued",
  SUBMITTED: "queued",
  QUEUED: "queued",
  IN_PROGRESS: "running",
  STREAMING: "running",
  SUCCESS: "succeeded",
  COMPLETE: "succeeded",
  FAILURE: "failed",
  FAILED: "failed",
  UNKNOWN: "failed",
};

export const newapiTaskSchema = z.looseObject({
  task_id: id,
  action: text,
  status: text,
  fail_reason: text,
  progress: text,
  submit_time: z.unknown().optional(),
  start_time: z.unknown().optional(),
  finish_time: z.unknown().optional(),
  data: z.unknown().optional(),
});

/** One new-api TaskDto → VendorTask; null when it is not a task at all. */
export function parseNewapiTask(raw: unknown): VendorTask | null {
  const parsed = newapiTaskSchema.safeParse(raw);
  if (!parsed.success) return null;
  const t = parsed.data;
  const vendorStatus = t.status ?? "";
  const made = operationResultOf(t.action, t.data);
  const isLyrics = !made && (t.action?.toUpperCase() === "LYRICS" || isRecord(t.data));
  const clips = made || isLyrics ? [] : orderStems(parseClips(t.data, sunoClipSchema, toSunoClip));
  // An unrecognised word is never terminal: the poller's deadline settles it.
  const known = NEWAPI_STATUS[vendorStatus.toUpperCase()];
  const fromClips = statusFromClips(clips);
  const status = known ?? (clips.length > 0 && fromClips !== "succeeded" && fromClips !== "failed" ? fromClips : "running");
  const percent = t.progress ? Number.parseFloat(t.progress) : NaN;
  const error =
    status !== "failed"
      ? null
      : vendorStatus.toUpperCase() === "UNKNOWN"
        ? { code: "unknown", message: failureMessage(t.fail_reason, clips) }
        : { code: "generation_failed", message: failureMessage(t.fail_reason, clips) };
  return guardSucceeded({
    vendorTaskId: t.task_id,
    status,
    vendorStatus,
    progress: Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : null,
    error,
    clips,
    lyrics: isLyrics ? parseLyrics(t.data) : null,
    ...made,
    submittedAt: parseTime(t.submit_time),
    startedAt: parseTime(t.start_time),
    finishedAt: parseTime(t.finish_time),
    raw,
  });
}

const singleSchema = z.looseObject({ data: z.unknown().optional() });
/** Operation answers differ between relays; the readers in newapi-requests.ts take them apart. */
const anyAnswer = z.unknown();
const batchSchema = z.looseObject({ data: z.array(z.unknown()).nullish() });

/**
 * The wire the new-api family shares (new-api relays, and nengyongai's variant of it):
 * a submit answers `{data: <task id>}`, one task is GET /suno/fetch/<id> in a `{data}`
 * envelope, and an id the vendor does not know is not_found. `parse` reads the task.
 */
export function newapiFamilyClient(
  protocol: "newapi" | "nengyongai",
  config: ProviderConfig,
  options: AdapterOptions & { classify: ErrorClassifier; parse: (data: unknown, taskId: string) => VendorTask | null },
) {
  const http = createVendorHttp({ provider: config.id, baseUrl: config.baseUrl, apiKey: config.apiKey, classify: options.classify });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const submitTimeoutMs = options.submitTimeoutMs ?? SUBMIT_TIMEOUT_MS;

  async function submit(path: string, body: Record<string, unknown>) {
    const { data, raw } = await http.request({ method: "POST", path, body, timeoutMs: submitTimeoutMs, schema: submitAnswerSchema });
    return { vendorTaskId: data, raw };
  }
  const answerOf = async (method: "GET" | "POST", path: string, body?: unknown, operation?: string) =>
    (await http.request({ method, path, operation, body, timeoutMs: submitTimeoutMs, schema: anyAnswer })).raw;
  // The clip id stays out of the operation's name (one metric series per action, not per clip).
  const clipAction = (action: string, source: VendorSource) =>
    answerOf("GET", `/suno/act/${action}/${encodeURIComponent(source.vendorClipId)}`, undefined, `/suno/act/${action}/{clip}`);

  /** The task, or null when the vendor does not know it. */
  async function fetchOne(taskId: string): Promise<VendorTask | null> {
    try {
      const path = `/suno/fetch/${encodeURIComponent(taskId)}`;
      const { data } = await http.request({ method: "GET", path, operation: "/suno/fetch/{id}", timeoutMs, schema: singleSchema });
      return data.data == null ? null : options.parse(data.data, taskId);
    } catch (err) {
      if (err instanceof VendorError && err.code === "not_found") return null;
      throw err;
    }
  }

  /** An uploaded file reaches the vendor first, by its signed link; the song then names the clip it became. */
  async function uploadedClipId(input: SubmitMusicInput): Promise<string | undefined> {
    const source = input.extend ?? input.cover;
    if (!source || !isUploadSource(source)) return undefined;
    const body = { url: source.upload.audioUrl };
    const { data } = await http.request({ method: "POST", path: "/suno/uploads/audio-url", body, timeoutMs: submitTimeoutMs, schema: uploadAnswerSchema });
    return data;
  }

  return {
    http,
    timeoutMs,
    fetchOne,
    // Async so a model the protocol lacks rejects like any vendor failure instead of throwing at the call.
    async submitMusic(input: SubmitMusicInput) {
      const mv = vendorModelFor(protocol, input.model);
      return submit("/suno/submit/music", buildNewapiMusicBody(input, mv, await uploadedClipId(input)));
    },
    fetchBalance: () => fetchNewapiBalance(http, timeoutMs),
    submitLyrics: (input: SubmitLyricsInput) => submit("/suno/submit/lyrics", { prompt: input.prompt, ...(input.callbackUrl ? { notify_hook: input.callbackUrl } : {}) }),
    submitConcat: (input: SubmitConcatInput) => submit("/suno/submit/concat", buildNewapiConcatBody(input)),
    submitStems: (input: SubmitClipOperationInput) => submit("/suno/submit/music", buildNewapiStemsBody(input)),
    submitWav: async ({ source }: SubmitClipOperationInput) => formatSubmitResult("wav", source.vendorClipId, await clipAction("wav", source)),
    submitVideo: async ({ source }: SubmitClipOperationInput) => formatSubmitResult("video", source.vendorClipId, await clipAction("mp4", source)),
    submitPersona: async (input: SubmitPersonaInput) => personaSubmitResult(await answerOf("POST", "/suno/persona/create", buildNewapiPersonaBody(input))),
    async fetchTimedLyrics(source: VendorSource): Promise<TimedLine[] | null> {
      const raw = await clipAction("timing", source);
      if (hasTimingData(raw)) return parseTimedLyrics(raw);
      // A relay that answers with a task id: one look at the task, else "not yet" (retryable).
      const taskId = isRecord(raw) && typeof raw.data === "string" ? raw.data : null;
      if (!taskId) throw new VendorError("bad_response", "The vendor's timing answer holds no timed lyrics.", { raw });
      const task = await fetchOne(taskId);
      if (task && hasTimingData(task.raw)) return parseTimedLyrics(task.raw);
      throw new VendorError("timeout", "The vendor is still preparing the timed lyrics.");
    },
  };
}

export function createNewapiAdapter(config: ProviderConfig, options: AdapterOptions = {}): ProviderAdapter {
  const { http, timeoutMs, fetchOne, ...operations } = newapiFamilyClient("newapi", config, { ...options, classify: classifyNewapiError, parse: parseNewapiTask });

  async function fetchBatch(ids: string[], action: "MUSIC" | "LYRICS", into: Map<string, VendorTask>) {
    const { data } = await http.request({ method: "POST", path: "/suno/fetch", body: { ids, action }, timeoutMs, schema: batchSchema });
    for (const item of data.data ?? []) {
      const task = parseNewapiTask(item);
      if (task && ids.includes(task.vendorTaskId)) into.set(task.vendorTaskId, task);
    }
  }

  return {
    protocol: "newapi",
    capabilities: NEWAPI_FAMILY_CAPABILITIES,
    unconfirmedCapabilities: NEWAPI_FAMILY_UNCONFIRMED,
    models: modelsFor("newapi"),
    batchFetch: true,
    ...operations,
    async fetchTasks(vendorTaskIds) {
      const ids = [...new Set(vendorTaskIds)];
      const out = new Map<string, VendorTask>();
      if (ids.length === 1) {
        const task = await fetchOne(ids[0]);
        if (task) out.set(ids[0], task);
        return out;
      }
      for (let i = 0; i < ids.length; i += BATCH_SIZE) {
        const chunk = ids.slice(i, i + BATCH_SIZE);
        await fetchBatch(chunk, "MUSIC", out);
        // Stock new-api ignores `action`, but a gateway that honours it hides lyrics tasks
        // from a MUSIC batch; ask again for whatever is missing.
        const missing = chunk.filter((taskId) => !out.has(taskId));
        if (missing.length > 0) await fetchBatch(missing, "LYRICS", out);
      }
      return out;
    },
    testConnection: () => probeConnection(() => http.request({ method: "POST", path: "/suno/fetch", body: { ids: [], action: "MUSIC" }, timeoutMs, schema: batchSchema })),
  };
}
