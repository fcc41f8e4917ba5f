import { isObject, startSimulator } from "./core";
import type { ProtocolHandler, SimContext, Simulator, SimulatorOptions, SimReply } from "./types";
import { errorFixture, loadFixture } from "./fixtures";
import { newapiFamilyRoute, newapiOperation } from "./newapi-operations";
import type { SimTask } from "./tasks";

// Vendor 1 (new-api / bltcy Suno relay, REFERENCE §A1), built from the fixtures in
// tests/fixtures/vendors/newapi with ids, text and URLs substituted.

export interface NewapiSimulatorOptions extends SimulatorOptions {
  /** Finished clips in vendor 1's flattened "sonic" shape (default) or as raw Suno clips. */
  clipShape?: "flat" | "raw";
  /** Honour `action` in batch fetches (stock new-api ignores it). */
  honourBatchAction?: boolean;
}

/** A raw Suno clip (fetch_in_progress / fetch_failure / raw success templates). */
export function rawSunoClip(template: Record<string, unknown>, task: SimTask, clipId: string, ctx: SimContext, state: string) {
  const media = ctx.media(clipId);
  const clip = structuredClone(template);
  const done = state === "complete";
  Object.assign(clip, {
    id: clipId,
    title: ctx.store.clipTitle(task, clipId),
    status: state,
    model_name: task.model,
    major_model_version: "",
    created_at: new Date(task.createdAt).toISOString(),
    audio_url: done ? media.audio : state === "streaming" ? media.preview : "",
    video_url: "",
    image_url: state === "error" || state === "queued" ? "" : media.image,
    image_large_url: state === "error" || state === "queued" ? "" : media.image,
    is_video_pending: !done,
  });
  clip.metadata = {
    ...(clip.metadata as object),
    tags: task.style,
    prompt: task.lyrics,
    gpt_description_prompt: task.description,
    duration: done ? 2 : null,
    error_type: state === "error" ? "moderation" : null,
    error_message: state === "error" ? task.failReason : null,
  };
  return clip;
}

function flatClip(template: Record<string, unknown>, task: SimTask, clipId: string, index: number, ctx: SimContext) {
  const media = ctx.media(clipId);
  return {
    ...structuredClone(template),
    id: clipId,
    clip_id: clipId,
    task_id: `${task.id}_${index + 1}`,
    mv: task.model,
    title: ctx.store.clipTitle(task, clipId),
    tags: task.style,
    prompt: task.lyrics,
    gpt_description_prompt: task.description,
    duration: 2,
    audio_url: media.audio,
    image_url: media.image,
    image_large_url: media.image,
    video_url: "",
    create_time: Math.floor(task.createdAt / 1000),
    update_time: Math.floor(Date.now() / 1000),
  };
}

/** The TaskDto new-api returns for a task at its current stage. */
export function newapiTaskDto(task: SimTask, ctx: SimContext, clipShape: "flat" | "raw" = "flat"): Record<string, unknown> {
  const stage = ctx.stage(task);
  const times = ctx.store.times(task);
  const dto: Record<string, unknown> = {
    task_id: task.id,
    notify_hook: task.callbackUrl ?? "",
    action: actionOf(task),
    status: { queued: "NOT_START", streaming: "IN_PROGRESS", succeeded: "SUCCESS", failed: "FAILURE" }[stage],
    fail_reason: stage === "failed" ? task.failReason : "",
    submit_time: Math.floor(times.created),
    start_time: Math.floor(times.started ?? times.created),
    finish_time: times.finished ? Math.floor(times.finished) : 0,
    progress: `${stage === "queued" ? 0 : stage === "streaming" ? ctx.store.percent(task) : 100}%`,
    data: null,
  };
  if (task.kind === "lyrics") {
    if (stage === "succeeded") dto.data = { id: task.id, text: task.lyrics, title: task.title, status: "complete" };
    return dto;
  }
  // A WAV or MP4 task: the source clip with its new link (kkiai's bltcy template names the task, not the body; [I]).
  if (task.kind === "wav" || task.kind === "video") {
    const media = ctx.media(task.sourceClipId ?? "");
    if (stage === "succeeded") dto.data = [{ id: task.sourceClipId, ...(task.kind === "wav" ? { wav_url: media.wav } : { video_url: media.video }) }];
    return dto;
  }
  if (stage === "streaming") {
    const template = loadFixture("newapi", "fetch_in_progress").data.data[0];
    dto.data = task.clipIds.map((id, i) => rawSunoClip(template, task, id, ctx, i === 0 ? "streaming" : "queued"));
  } else if (stage === "failed") {
    const template = loadFixture("newapi", "fetch_failure").data.data[0];
    dto.data = task.clipIds.map((id) => rawSunoClip(template, task, id, ctx, "error"));
  } else if (stage === "succeeded" && clipShape === "raw") {
    const template = loadFixture("newapi", "fetch_success_raw_suno_clips").data.data[0];
    dto.data = task.clipIds.map((id) => rawSunoClip(template, task, id, ctx, "complete"));
  } else if (stage === "succeeded") {
    const template = loadFixture("newapi", "fetch_success").data.data[0];
    dto.data = task.clipIds.map((id, i) => flatClip(template, task, id, i, ctx));
  }
  return dto;
}

/** The upper-cased path segment of the call that made the task (REFERENCE §A1.1). */
function actionOf(task: SimTask): string {
  if (task.kind === "lyrics") return "LYRICS";
  if (task.kind === "wav") return "WAV";
  if (task.kind === "video") return "MP4";
  return task.op === "concat" ? "CONCAT" : "MUSIC";
}

export function newapiError(status: number, message: string, code?: string): unknown {
  // Middleware errors (key, ban, no channel) are OpenAI-style; task errors are TaskError.
  if (status === 401 || status === 403 || status === 503) {
    if (code !== "quota_not_enough" && code !== "insufficient_user_quota") return { error: { message, type: "new_api_error" } };
  }
  if (status === 429) return loadFixture("newapi", "error_429_upstream_saturated");
  return { code: code ?? (status >= 500 ? "fail_to_fetch_task" : "invalid_request"), message, data: null };
}

/** Submit handling shared with nengyongai, which follows the same bltcy template. */
export function submitNewapiStyle(req: { route: string; body: unknown }, ctx: SimContext, errorDir: "newapi" | "nengyongai"): SimTask | SimReply {
  const body = isObject(req.body) ? req.body : {};
  const promptError = { status: 400, body: newapiError(400, "prompt_empty", "invalid_request") };
  if (req.route === "lyrics") {
    if (typeof body.prompt !== "string" || body.prompt.trim() === "") return promptError;
    return ctx.store.create({ kind: "lyrics", request: body, description: body.prompt, callbackUrl: body.notify_hook });
  }
  const notExist = () => (errorDir === "newapi" ? errorFixture("newapi", "error_400_task_not_exist") : errorFixture("nengyongai", "error_task_not_exist_newapi_variant"));
  // Extend, cover, stems and persona voices all name a clip of an earlier task (or an upload).
  const sourceClip = body.continue_clip_id ?? body.cover_clip_id ?? body.artist_clip_id;
  if (sourceClip && !body.task_id) return errorFixture("newapi", "error_400_task_id_empty");
  const sourceTask = body.task_id ? ctx.store.get(String(body.task_id)) : undefined;
  if (body.task_id && (!sourceTask || !sourceTask.clipIds.includes(String(sourceClip)))) return notExist();
  if (body.task === "artist_consistency" && !ctx.store.personas.has(String(body.persona_id))) {
    return { status: 400, body: newapiError(400, "persona_not_exist", "invalid_request") };
  }
  const stems = body.task === "gen_stem";
  if (!stems && !body.gpt_description_prompt && !body.prompt && !body.tags) return promptError;
  const sourceTitle = sourceTask && sourceClip ? ctx.store.clipTitle(sourceTask, String(sourceClip)) : undefined;
  const task = ctx.store.create({
    kind: "music",
    op: typeof body.task === "string" ? body.task : "generate",
    sourceClipId: typeof sourceClip === "string" ? sourceClip : null,
    request: body,
    title: body.title || sourceTitle,
    // The vendor's order is not documented; instrumental first makes the adapter put vocals first itself.
    clipTitles: stems ? [`${sourceTitle ?? "Untitled"} (Instrumental)`, `${sourceTitle ?? "Untitled"} (Vocals)`] : undefined,
    lyrics: stems ? sourceTask?.lyrics : body.prompt,
    style: body.tags || sourceTask?.style,
    description: body.gpt_description_prompt,
    model: body.mv,
    instrumental: body.make_instrumental,
    callbackUrl: body.notify_hook,
  });
  ctx.scheduleCallback(task);
  return task;
}

export function startNewapiSimulator(options: NewapiSimulatorOptions = {}): Promise<Simulator> {
  const clipShape = options.clipShape ?? "flat";
  const handler: ProtocolHandler = {
    routeOf(method, path) {
      if (method === "POST" && path === "/suno/fetch") return "fetch";
      return newapiFamilyRoute(method, path);
    },
    async handle(req, ctx) {
      const operation = await newapiOperation(req, ctx);
      if (operation) return operation;
      if (req.route === "submit" || req.route === "lyrics") {
        const result = submitNewapiStyle(req, ctx, "newapi");
        if ("status" in result) return result;
        return { status: 200, body: { ...loadFixture<object>("newapi", "submit_response"), data: result.id } };
      }
      if (req.method === "GET") {
        const task = ctx.store.get(decodeURIComponent(req.path.slice("/suno/fetch/".length)));
        if (!task) return errorFixture("newapi", "error_400_task_not_exist");
        return { status: 200, body: { code: "success", message: "", data: newapiTaskDto(task, ctx, clipShape) } };
      }
      const body = isObject(req.body) ? req.body : {};
      const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
      const wanted = options.honourBatchAction && typeof body.action === "string" ? body.action.toUpperCase() : null;
      const tasks = ids.map((id) => ctx.store.get(id)).filter((t): t is SimTask => !!t && (!wanted || (t.kind === "lyrics" ? "LYRICS" : "MUSIC") === wanted));
      return { status: 200, body: { code: "success", message: "", data: tasks.map((t) => newapiTaskDto(t, ctx, clipShape)) } };
    },
    error: newapiError,
    callbackBody: (task, ctx) => newapiTaskDto(task, ctx, clipShape),
  };
  return startSimulator("newapi", handler, options);
}
