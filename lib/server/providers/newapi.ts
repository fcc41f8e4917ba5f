import { z } from "zod";
import { classifyNewapiError } from "./error-map";
import { modelsFor, vendorModelFor } from "./model-map";
import { id, isRecord, parseClips, parseTime, sunoClipSchema, text, toSunoClip } from "./suno-clip";
import { failureMessage, guardSucceeded, parseLyrics, statusFromClips } from "./suno-task";
import {
  isUploadSource,
  VendorError,
  type ProviderAdapter,
  type ProviderConfig,
  type SubmitLyricsInput,
  type SubmitMusicInput,
  type VendorTask,
  type VendorTaskStatus,
} from "./types";
import { createVendorHttp, DEFAULT_TIMEOUT_MS, probeConnection, type AdapterOptions, type ErrorClassifier } from "./vendor-http";

// Vendor 1: the new-api / bltcy "Suno-API" task relay (REFERENCE §A1). nengyongai
// speaks the same submit dialect and reuses the builders and the task parser below.

const SUBMIT_TIMEOUT_MS = 60_000;
/** ≤ 1 vendor request per 100 tasks per poll round (PERF-4). */
const BATCH_SIZE = 100;

/** §B.2: inspiration sends only the description; custom and extend send lyrics, tags and title. */
export function buildNewapiMusicBody(input: SubmitMusicInput, mv: string): Record<string, unknown> {
  const body: Record<string, unknown> = { mv, make_instrumental: input.instrumental };
  if (input.mode === "inspiration" && !input.extend) {
    body.gpt_description_prompt = input.description ?? "";
  } else {
    body.prompt = input.lyrics ?? "";
    body.tags = input.style ?? "";
    body.title = input.title ?? "";
  }
  if (input.negativeStyle) body.negative_tags = input.negativeStyle;
  if (input.extend) {
    if (isUploadSource(input.extend)) throw new VendorError("bad_request", "This provider cannot extend an uploaded file");
    body.task = "extend";
    body.continue_clip_id = input.extend.vendorClipId;
    body.continue_at = input.extend.continueAt;
    if (input.extend.vendorTaskId) body.task_id = input.extend.vendorTaskId;
  }
  if (input.callbackUrl) body.notify_hook = input.callbackUrl;
  return body;
}

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
  const isLyrics = t.action?.toUpperCase() === "LYRICS" || isRecord(t.data);
  const clips = isLyrics ? [] : parseClips(t.data, sunoClipSchema, toSunoClip);
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
    submittedAt: parseTime(t.submit_time),
    startedAt: parseTime(t.start_time),
    finishedAt: parseTime(t.finish_time),
    raw,
  });
}

const singleSchema = z.looseObject({ data: z.unknown().optional() });
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
  const http = createVendorHttp({ baseUrl: config.baseUrl, apiKey: config.apiKey, classify: options.classify });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const submitTimeoutMs = options.submitTimeoutMs ?? SUBMIT_TIMEOUT_MS;

  async function submit(path: string, body: Record<string, unknown>) {
    const { data, raw } = await http.request({ method: "POST", path, body, timeoutMs: submitTimeoutMs, schema: submitAnswerSchema });
    return { vendorTaskId: data, raw };
  }

  return {
    http,
    timeoutMs,
    /** The task, or null when the vendor does not know it. */
    async fetchOne(taskId: string): Promise<VendorTask | null> {
      try {
        const path = `/suno/fetch/${encodeURIComponent(taskId)}`;
        const { data } = await http.request({ method: "GET", path, timeoutMs, schema: singleSchema });
        return data.data == null ? null : options.parse(data.data, taskId);
      } catch (err) {
        if (err instanceof VendorError && err.code === "not_found") return null;
        throw err;
      }
    },
    // Async so a model the protocol lacks rejects like any vendor failure instead of throwing at the call.
    submitMusic: async (input: SubmitMusicInput) => submit("/suno/submit/music", buildNewapiMusicBody(input, vendorModelFor(protocol, input.model))),
    submitLyrics: (input: SubmitLyricsInput) => submit("/suno/submit/lyrics", { prompt: input.prompt, ...(input.callbackUrl ? { notify_hook: input.callbackUrl } : {}) }),
  };
}

export function createNewapiAdapter(config: ProviderConfig, options: AdapterOptions = {}): ProviderAdapter {
  const { http, timeoutMs, fetchOne, submitMusic, submitLyrics } = newapiFamilyClient("newapi", config, { ...options, classify: classifyNewapiError, parse: parseNewapiTask });

  async function fetchBatch(ids: string[], action: "MUSIC" | "LYRICS", into: Map<string, VendorTask>) {
    const { data } = await http.request({ method: "POST", path: "/suno/fetch", body: { ids, action }, timeoutMs, schema: batchSchema });
    for (const item of data.data ?? []) {
      const task = parseNewapiTask(item);
      if (task && ids.includes(task.vendorTaskId)) into.set(task.vendorTaskId, task);
    }
  }

  return {
    protocol: "newapi",
    capabilities: ["extend"],
    models: modelsFor("newapi"),
    batchFetch: true,
    submitMusic,
    submitLyrics,
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
