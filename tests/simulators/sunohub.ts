import { isObject, startSimulator } from "./core";
import type { ProtocolHandler, SimContext, Simulator, SimulatorOptions, SimReply } from "./types";
import { loadFixture } from "./fixtures";
import type { SimTask } from "./tasks";

// Vendor 3 (sunohub, an AceData Cloud clone, REFERENCE §A3). Without `callback_url`
// or `async`, /suno/audios holds the request until the song is finished, as the
// real vendor does.

export interface SunohubSimulatorOptions extends SimulatorOptions {
  /** Behave like a variant that ignores `async: true` and always answers synchronously. */
  ignoreAsync?: boolean;
}

const TRACE_ID = "ebbc12bf-d65a-41c0-b36f-5308e4f4dfba";

const sunohubError = (status: number, message: string, code?: string) => ({
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
    title: task.title,
    lyric: task.lyrics,
    style: task.style,
    prompt: task.description,
    model: task.model,
    state,
    created_at: new Date(task.createdAt).toISOString(),
    image_url: state === "pending" ? "" : media.image,
    audio_url: state === "succeeded" ? media.audio : state === "running" ? media.preview : "",
    video_url: "",
    duration: state === "succeeded" ? 2 : undefined,
  };
}

/** What the synchronous call, the callback and the record's `response` carry; null while queued. */
function responseOf(task: SimTask, ctx: SimContext): Record<string, unknown> | null {
  const stage = ctx.stage(task);
  if (stage === "failed") return { ...sunohubError(403, task.failReason ?? "failed", "forbidden"), task_id: task.id };
  if (task.kind === "lyrics") {
    return { success: true, task_id: task.id, data: { text: task.lyrics, title: task.title, tags: [task.style], status: "complete" } };
  }
  if (stage === "queued") return null;
  const states = stage === "streaming" ? (["running", "pending"] as const) : (["succeeded", "succeeded"] as const);
  return { success: true, task_id: task.id, trace_id: TRACE_ID, data: task.clipIds.map((id, i) => aceClip(task, id, ctx, states[i])) };
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
    type: task.kind === "lyrics" ? "lyrics" : "audios",
    ...(times.started ? { started_at: times.started } : {}),
    ...(times.finished ? { finished_at: times.finished, elapsed: times.finished - times.created } : {}),
    ...(response ? { response } : {}),
  };
}

function validate(body: Record<string, unknown>, ctx: SimContext): SimReply | null {
  const bad = (message: string) => ({ status: 400, body: sunohubError(400, message, "bad_request") });
  const action = body.action ?? "generate";
  if (action !== "generate" && action !== "extend") return bad(`action ${String(action)} is not supported by this simulator`);
  if (typeof body.custom !== "undefined" && typeof body.custom !== "boolean") return bad("custom must be a boolean");
  if (action === "extend") {
    if (!body.audio_id) return bad("audio_id is required when extend audio");
    if (!ctx.store.taskOfClip(String(body.audio_id))) return bad("The song id does not exist or has been taken offline.");
    if (typeof body.continue_at !== "number" || body.continue_at <= 0) return bad("continue_at must be a number greater than 0");
    if (!body.lyric && body.instrumental !== true) return bad("lyric is required when extend audio and instrumental is false");
  } else if (body.custom === true) {
    if (!body.lyric && body.instrumental !== true) return bad("lyric is required when generate custom audio");
  } else if (!body.prompt) {
    return bad("prompt is required when generate audio");
  }
  return null;
}

export function startSunohubSimulator(options: SunohubSimulatorOptions = {}): Promise<Simulator> {
  const handler: ProtocolHandler = {
    routeOf(method, path) {
      if (method !== "POST") return null;
      return ({ "/suno/audios": "submit", "/suno/lyrics": "lyrics", "/suno/tasks": "fetch" } as const)[path] ?? null;
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
      if (req.route === "submit") {
        const invalid = validate(body, ctx);
        if (invalid) return invalid;
        const task = ctx.store.create({
          kind: "music",
          request: body,
          title: body.title,
          lyrics: body.lyric,
          style: body.style,
          description: body.prompt,
          model: body.model,
          instrumental: body.instrumental,
          callbackUrl: body.callback_url,
        });
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
