import { z } from "zod";
import { classifySunohubError, SUNOHUB_CODES } from "./error-map";
import { modelsFor, vendorModelFor } from "./model-map";
import { aceClipSchema, id, isRecord, parseClips, parseTime, text, toAceClip } from "./suno-clip";
import { failureMessage, guardSucceeded, orderStems, parseLyrics, progressHeuristic, statusFromClips } from "./suno-task";
import {
  buildSunohubAudiosBody,
  buildSunohubConcatBody,
  buildSunohubStemsBody,
  SUNOHUB_ADVANCED_MODELS,
  SUNOHUB_CAPABILITIES,
  SUNOHUB_UNCONFIRMED,
  sunohubOperationResult,
} from "./sunohub-requests";
import { hasTimingData, parseTimedLyrics } from "./timed-lyrics";
import { VendorError, type ProviderAdapter, type ProviderConfig, type SubmitResult, type TimedLine, type VendorSource, type VendorTask, type VendorTaskStatus } from "./types";
import { createVendorHttp, DEFAULT_TIMEOUT_MS, probeConnection, type AdapterOptions } from "./vendor-http";

// Vendor 3: sunohub, an AceData Cloud clone (REFERENCE §A3). Without `callback_url`
// or `async` the vendor holds the request until the song is done, so the submit
// deadline is long and a synchronous answer with finished clips is accepted.

export { buildSunohubAudiosBody };

/** §A3.2: "use an HTTP timeout of ≥180 s in case a variant answers synchronously". */
const SUBMIT_TIMEOUT_MS = 180_000;
const BATCH_SIZE = 100;

const responseSchema = z.looseObject({
  success: z.unknown().optional(),
  task_id: id.optional().catch(undefined),
  error: z.looseObject({ code: text, message: text }).nullish().catch(null),
  data: z.unknown().optional(),
});

const recordSchema = z.looseObject({
  id,
  type: text,
  state: text,
  created_at: z.unknown().optional(),
  started_at: z.unknown().optional(),
  finished_at: z.unknown().optional(),
  response: responseSchema.nullish().catch(null),
});

const TOP_STATES: Record<string, VendorTaskStatus> = {
  pending: "queued",
  processing: "running",
  running: "running",
  complete: "succeeded",
  completed: "succeeded",
  succeeded: "succeeded",
  failed: "failed",
  error: "failed",
};

/** One `/suno/tasks` record → VendorTask (§B.3 sunohub rows). */
export function parseSunohubRecord(raw: unknown): VendorTask | null {
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) return null;
  const r = parsed.data;
  const resp = r.response ?? null;
  const top = r.state ? TOP_STATES[r.state.toLowerCase()] : undefined;
  const failed = resp !== null && (resp.success === false || Boolean(resp.error));
  const made = resp && !failed ? sunohubOperationResult(r.type, resp.data) : null;
  const isLyrics = !made && (r.type === "lyrics" || isRecord(resp?.data));
  const clips = resp && !isLyrics && !made ? orderStems(parseClips(resp.data, aceClipSchema, toAceClip)) : [];
  const lyrics = resp && isLyrics ? parseLyrics(resp.data) : null;
  const finished = r.finished_at != null || top === "succeeded";
  const terminal = clips.length > 0 && clips.every((c) => c.state === "succeeded" || c.state === "failed");

  let status: VendorTaskStatus;
  let error: VendorTask["error"] = null;
  if (failed) {
    status = "failed";
    const code = resp?.error?.code ? SUNOHUB_CODES[resp.error.code] : undefined;
    error = { code: code ?? "generation_failed", message: resp?.error?.message ?? resp?.error?.code ?? null };
  } else if (top === "failed") {
    status = "failed";
  } else if (!resp) {
    // A "complete" record without its response is a race: wait for the response.
    status = top === "running" || top === "succeeded" ? "running" : "queued";
  } else if (made || isLyrics) {
    status = "succeeded";
  } else if (terminal) {
    status = statusFromClips(clips);
  } else if (finished) {
    status = "succeeded";
  } else {
    status = top === "queued" ? "queued" : statusFromClips(clips);
  }
  if (status === "failed" && !error) error = { code: "generation_failed", message: failureMessage(null, clips) };

  return guardSucceeded({
    vendorTaskId: r.id,
    status,
    // sunohub has no status word; say which part of the record decided.
    vendorStatus: r.state ?? (!resp ? "no_response" : resp.success === false || resp.error ? "error" : finished ? "finished" : "response"),
    progress: progressHeuristic(status),
    error,
    clips,
    lyrics,
    ...made,
    submittedAt: parseTime(r.created_at),
    startedAt: parseTime(r.started_at),
    finishedAt: parseTime(r.finished_at),
    raw,
  });
}

/** A synchronous answer (`{success, task_id, data}`) is the record's `response` on its own. */
export function parseSunohubAnswer(taskId: string, answer: unknown, type: string): VendorTask | null {
  return parseSunohubRecord({ id: taskId, type, response: answer });
}

const submitSchema = responseSchema.refine((a) => a.task_id, "task_id is missing");
const batchSchema = z.looseObject({ items: z.array(z.unknown()).nullish() });
const singleSchema = z.unknown();

export function createSunohubAdapter(config: ProviderConfig, options: AdapterOptions = {}): ProviderAdapter {
  const http = createVendorHttp({ provider: config.id, baseUrl: config.baseUrl, apiKey: config.apiKey, classify: classifySunohubError });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const submitTimeoutMs = options.submitTimeoutMs ?? SUBMIT_TIMEOUT_MS;

  /** `type` names the record the answer stands for (`audios`, `lyrics`, `wav`, `mp4`, `persona`). */
  async function submit(path: string, body: Record<string, unknown>, type: string): Promise<SubmitResult> {
    const { data, raw } = await http.request({ method: "POST", path, body, timeoutMs: submitTimeoutMs, schema: submitSchema });
    const vendorTaskId = data.task_id as string;
    const finished = data.data !== undefined && data.data !== null;
    const task = finished ? parseSunohubAnswer(vendorTaskId, raw, type) : null;
    return { vendorTaskId, raw, ...(task ? { task } : {}) };
  }
  // The file and persona calls document only `audio_id` (the WAV one also `callback_url`)
  // and answer within seconds, so they are called synchronously; a variant that answers
  // with a bare task id is polled like any task.
  const clipCall = (path: string, type: string, source: VendorSource, extra: Record<string, unknown> = {}) => submit(path, { audio_id: source.vendorClipId, ...extra }, type);

  async function fetchOne(taskId: string): Promise<VendorTask | null> {
    try {
      const { data } = await http.request({ method: "POST", path: "/suno/tasks", body: { id: taskId, action: "retrieve" }, timeoutMs, schema: singleSchema });
      return parseSunohubRecord(data);
    } catch (err) {
      if (err instanceof VendorError && err.code === "not_found") return null;
      throw err;
    }
  }

  return {
    protocol: "sunohub",
    capabilities: SUNOHUB_CAPABILITIES,
    unconfirmedCapabilities: SUNOHUB_UNCONFIRMED,
    advancedModels: SUNOHUB_ADVANCED_MODELS,
    models: modelsFor("sunohub"),
    batchFetch: true,
    submitMusic: async (input) => submit("/suno/audios", buildSunohubAudiosBody(input, vendorModelFor("sunohub", input.model)), "audios"),
    // Lyrics answer synchronously; no callback is documented for them.
    submitLyrics: (input) => submit("/suno/lyrics", { prompt: input.prompt }, "lyrics"),
    submitConcat: (input) => submit("/suno/audios", buildSunohubConcatBody(input), "audios"),
    submitStems: (input) => submit("/suno/audios", buildSunohubStemsBody(input), "audios"),
    submitWav: (input) => clipCall("/suno/wav", "wav", input.source, input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
    submitVideo: (input) => clipCall("/suno/mp4", "mp4", input.source),
    submitPersona: (input) => clipCall("/suno/persona", "persona", input.source, { name: input.name, ...(input.description ? { description: input.description } : {}) }),
    async fetchTimedLyrics(source): Promise<TimedLine[] | null> {
      const { data, raw } = await http.request({ method: "POST", path: "/suno/timing", body: { audio_id: source.vendorClipId }, timeoutMs: submitTimeoutMs, schema: submitSchema });
      if (hasTimingData(raw)) return parseTimedLyrics(raw);
      // An answer with only a task id: one look at the record, else "not yet" (retryable).
      const record = await fetchOne(data.task_id as string);
      if (record && hasTimingData(record.raw)) return parseTimedLyrics(record.raw);
      throw new VendorError("timeout", "The vendor is still preparing the timed lyrics.");
    },
    async fetchTasks(vendorTaskIds) {
      const ids = [...new Set(vendorTaskIds)];
      const out = new Map<string, VendorTask>();
      if (ids.length === 1) {
        const task = await fetchOne(ids[0]);
        if (task && task.vendorTaskId === ids[0]) out.set(ids[0], task);
        return out;
      }
      for (let i = 0; i < ids.length; i += BATCH_SIZE) {
        const chunk = ids.slice(i, i + BATCH_SIZE);
        const body = { ids: chunk, action: "retrieve_batch" };
        const { data } = await http.request({ method: "POST", path: "/suno/tasks", body, timeoutMs, schema: batchSchema });
        for (const item of data.items ?? []) {
          const task = parseSunohubRecord(item);
          if (task && chunk.includes(task.vendorTaskId)) out.set(task.vendorTaskId, task);
        }
      }
      return out;
    },
    testConnection: () => probeConnection(() => http.request({ method: "POST", path: "/suno/tasks", body: { ids: [], action: "retrieve_batch" }, timeoutMs, schema: batchSchema })),
  };
}
