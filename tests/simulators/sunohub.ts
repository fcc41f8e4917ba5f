import { randomUUID } from "node:crypto";
import { alignedWords } from "./aligned";
import { isObject, startSimulator } from "./core";
import type { ProtocolHandler, SimContext, Simulator, SimulatorOptions } from "./types";
import { loadFixture } from "./fixtures";
import { chainOf } from "./newapi-operations";
import { validateAudios } from "./sunohub-audios";
import type { SimTask } from "./tasks";

// Vendor 3 (sunohub, an AceData Cloud clone, REFERENCE §A3). Without `callback_url`
// or `async`, /suno/audios holds the request until the song is finished, as the
// real vendor does. The WAV, MP4 and persona calls answer when their task is done
// (the WAV one returns a task id at once when given a callback); timing at once.

export interface SunohubSimulatorOptions extends SimulatorOptions {
  /** Behave like a variant that ignores `async: true` and always answers synchronously. */
  ignoreAsync?: boolean;
}

const TRACE_ID = "ebbc12bf-d65a-41c0-b36f-5308e4f4dfba";

export const sunohubError = (status: number, message: string, code?: string) => ({
  success: false,
  error: { code: code ?? (status === 401 ? "invalid_token" : status >= 500 ? "api_error" : "bad_request"), message },
  trace_id: TRACE_ID,
});

function aceClip(task: SimTask, clipId: string, ctx: SimContext, state: "pending" | "running" | "succeeded") {
  const template = loadFixture("sunohub", "fetch_success").response.data[0];
  const media = ctx.media(clipId);
  return {
    ...template,
    id: clipId,
    title: ctx.store.clipTitle(task, clipId),
    lyric: task.op === "stems" && !ctx.store.clipTitle(task, clipId).endsWith("Vocals") ? "" : task.lyrics,
    style: task.style,
    prompt: task.description,
    model: task.model,
    state,
    created_at: new Date(task.createdAt).toISOString(),
    image_url: state === "pending" ? "" : media.image,
    audio_url: state === "succeeded" ? media.audio : state === "running" ? media.preview : "",
    video_url: "",
    duration: state === "succeeded" ? 2 : undefined,
    // Stems are "chirp-ahi-stem-…"; a whole song lists the segments it joins.
    ...(task.op === "stems" ? { model: "" } : {}),
    ...(task.op === "concat" ? { concat_history: concatHistory(task, ctx) } : {}),
  };
}

/** AceData's concat_history: every segment but the last with its continue_at, then the last. */
function concatHistory(task: SimTask, ctx: SimContext) {
  const chain = chainOf(ctx, task.sourceClipId ?? "");
  return chain.map((t, i) => {
    const clipId = i === chain.length - 1 ? task.sourceClipId : String(chain[i + 1].request.audio_id);
    return i === chain.length - 1 ? { id: clipId } : { id: clipId, continue_at: chain[i + 1].request.continue_at, infill: false, source: "web", type: "gen" };
  });
}

/** The `data` of a WAV, MP4 or persona answer. */
function operationData(task: SimTask, ctx: SimContext): unknown {
  const media = ctx.media(task.sourceClipId ?? "");
  if (task.kind === "wav") return [{ file_url: media.wav }];
  if (task.kind === "video") return { video_url: media.video };
  return { persona_id: task.id };
}

/** What the synchronous call, the callback and the record's `response` carry; null while queued. */
function responseOf(task: SimTask, ctx: SimContext): Record<string, unknown> | null {
  const stage = ctx.stage(task);
  // AceData reports an audio_url it could not read as `api_error` ("fetch failed"); other failures here are moderation.
  const failedCode = task.op.startsWith("upload_") ? "api_error" : "forbidden";
  if (stage === "failed") return { ...sunohubError(403, task.failReason ?? "failed", failedCode), task_id: task.id };
  if (task.kind === "lyrics") {
    return { success: true, task_id: task.id, data: { text: task.lyrics, title: task.title, tags: [task.style], status: "complete" } };
  }
  if (stage === "queued") return null;
  if (task.kind !== "music") return stage === "succeeded" ? { success: true, task_id: task.id, trace_id: TRACE_ID, data: operationData(task, ctx) } : null;
  const stateOf = (i: number) => (stage === "streaming" ? (i === 0 ? "running" : "pending") : "succeeded");
  return { success: true, task_id: task.id, trace_id: TRACE_ID, data: task.clipIds.map((id, i) => aceClip(task, id, ctx, stateOf(i))) };
}

function recordOf(task: SimTask, ctx: SimContext): Record<string, unknown> {
  const { response: _omit, started_at: _s, finished_at: _f, elapsed: _e, ...base } = loadFixture("sunohub", "fetch_success");
  const times = ctx.store.times(task);
  const response = responseOf(task, ctx);
  return {
    ...base,
    _id: task.id.replace(/-/g, "").slice(0, 24),
    id: task.id,
    created_at: times.created,
    request: task.request,
    type: { lyrics: "lyrics", wav: "wav", video: "mp4", persona: "persona" }[task.kind as string] ?? "audios",
    ...(times.started ? { started_at: times.started } : {}),
    ...(times.finished ? { finished_at: times.finished, elapsed: times.finished - times.created } : {}),
    ...(response ? { response } : {}),
  };
}

export function startSunohubSimulator(options: SunohubSimulatorOptions = {}): Promise<Simulator> {
  const handler: ProtocolHandler = {
    routeOf(method, path) {
      if (method !== "POST") return null;
      const routes = {
        "/suno/audios": "submit",
        "/suno/lyrics": "lyrics",
        "/suno/tasks": "fetch",
        "/suno/wav": "wav",
        "/suno/mp4": "video",
        "/suno/timing": "timing",
        "/suno/persona": "persona",
      } as const;
      return routes[path as keyof typeof routes] ?? null;
    },
    async handle(req, ctx) {
      const body = isObject(req.body) ? req.body : {};
      if (req.route === "lyrics") {
        if (typeof body.prompt !== "string" || body.prompt.trim() === "") {
          return { status: 400, body: sunohubError(400, "prompt is required", "bad_request") };
        }
        const task = ctx.store.create({ kind: "lyrics", request: body, description: body.prompt });
        const response = responseOf(task, ctx);
        return { status: response?.success === false ? 403 : 200, body: response };
      }
      if (req.route === "wav" || req.route === "video" || req.route === "persona" || req.route === "timing") {
        const source = ctx.store.finishedClip(body.audio_id);
        if (!source) return { status: 400, body: sunohubError(400, "The song id does not exist or has been taken offline.", "bad_request") };
        if (req.route === "timing") {
          const data = { aligned_words: source.instrumental ? [] : alignedWords(source.lyrics, 2), waveform_data: [0.01, 0.2, 0.4, 0.1] };
          return { status: 200, body: { success: true, task_id: randomUUID(), trace_id: TRACE_ID, data } };
        }
        if (req.route === "persona" && (typeof body.name !== "string" || body.name.trim() === "")) {
          return { status: 400, body: sunohubError(400, "name is required", "bad_request") };
        }
        const task = ctx.store.create({ kind: req.route, op: req.route, sourceClipId: String(body.audio_id), request: body, title: source.title, callbackUrl: body.callback_url });
        if (req.route === "persona") ctx.store.personas.set(task.id, { clipId: String(body.audio_id), name: String(body.name) });
        if (task.callbackUrl) {
          ctx.scheduleCallback(task);
          return { status: 200, body: { task_id: task.id } };
        }
        await ctx.untilDone(task);
        const response = responseOf(task, ctx);
        return { status: response?.success === false ? 403 : 200, body: response };
      }
      if (req.route === "submit") {
        const checked = await validateAudios(body, ctx);
        if ("status" in checked) return checked;
        const task = ctx.store.create(checked);
        if (task.callbackUrl || (body.async === true && !options.ignoreAsync)) {
          ctx.scheduleCallback(task);
          return { status: 200, body: { ...loadFixture<object>("sunohub", "submit_response_async"), task_id: task.id } };
        }
        await ctx.untilDone(task);
        const response = responseOf(task, ctx);
        return { status: response?.success === false ? 403 : 200, body: response };
      }
      if (body.action === "retrieve_batch" && Array.isArray(body.ids)) {
        const items = body.ids.map((id) => ctx.store.get(String(id))).flatMap((t) => (t ? [recordOf(t, ctx)] : []));
        return { status: 200, body: { items, count: items.length } };
      }
      if (body.action === "retrieve" && typeof body.id === "string") {
        const task = ctx.store.get(body.id);
        if (!task) return { status: 404, body: sunohubError(404, "task not found", "not_found") };
        return { status: 200, body: recordOf(task, ctx) };
      }
      return { status: 400, body: sunohubError(400, "action must be retrieve or retrieve_batch", "bad_request") };
    },
    error: sunohubError,
    callbackBody: (task, ctx) => responseOf(task, ctx) ?? { success: true, task_id: task.id, data: [] },
  };
  return startSimulator("sunohub", handler, options);
}
