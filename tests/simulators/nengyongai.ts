import { startSimulator } from "./core";
import type { ProtocolHandler, SimContext, Simulator, SimulatorOptions } from "./types";
import { errorFixture, loadFixture } from "./fixtures";
import { newapiError, newapiTaskDto, rawSunoClip, submitNewapiStyle } from "./newapi";
import { newapiFamilyRoute, newapiOperation } from "./newapi-operations";
import type { SimTask } from "./tasks";

// Vendor 2 (nengyongai, REFERENCE §A2): bltcy submits, GoAPI-style fetch answers
// (`clips` keyed by id, `input` as a JSON string), no batch fetch.

export interface NengyongaiSimulatorOptions extends SimulatorOptions {
  /** Submit answer: new-api `{code:"success",data:"<id>"}` (default) or GoAPI `{code:200,data:{task_id}}`. */
  submitVariant?: "newapi" | "goapi";
  /** Fetch answer: GoAPI envelope (default, as in the vendor's doc) or new-api TaskDto. */
  fetchEnvelope?: "goapi" | "newapi";
}

/** The GoAPI `data` object for a music task at its current stage. */
export function goapiTaskData(task: SimTask, ctx: SimContext): Record<string, unknown> {
  const stage = ctx.stage(task);
  const template = loadFixture("nengyongai", "fetch_success").data;
  const clipTemplate = Object.values(template.clips as Record<string, Record<string, unknown>>)[0];
  const input = JSON.parse(template.input as string) as Record<string, unknown>;
  const r = task.request;
  Object.assign(input, {
    custom_mode: !r.gpt_description_prompt,
    gpt_description_prompt: r.gpt_description_prompt ?? "",
    make_instrumental: task.instrumental,
    prompt: r.prompt ?? "",
    title: r.title ?? "",
    continue_at: r.continue_at ?? 0,
    continue_clip_id: r.continue_clip_id ?? "",
    mv: task.model,
    tags: r.tags ?? "",
  });
  const stateOf = (i: number) => (stage === "streaming" ? (i === 0 ? "streaming" : "queued") : stage === "failed" ? "error" : "complete");
  const clipIds = stage === "queued" ? [] : task.clipIds;
  const clips = Object.fromEntries(clipIds.map((id, i) => [id, rawSunoClip(clipTemplate, task, id, ctx, stateOf(i))]));
  const status = { queued: "pending", streaming: "processing", succeeded: "completed", failed: "failed" }[stage];
  return { task_id: task.id, status, input: JSON.stringify(input), clips };
}

export function startNengyongaiSimulator(options: NengyongaiSimulatorOptions = {}): Promise<Simulator> {
  const submitVariant = options.submitVariant ?? "newapi";
  const fetchEnvelope = options.fetchEnvelope ?? "goapi";
  const handler: ProtocolHandler = {
    // No batch fetch; the family's operations as on vendor 1.
    routeOf: newapiFamilyRoute,
    async handle(req, ctx) {
      const operation = await newapiOperation(req, ctx);
      if (operation) return operation;
      if (req.route === "submit" || req.route === "lyrics") {
        const result = submitNewapiStyle(req, ctx, "nengyongai");
        if ("status" in result) return result;
        const fixture = submitVariant === "goapi" ? "submit_response_goapi_variant" : "submit_response_newapi_variant";
        const body = loadFixture("nengyongai", fixture);
        body.data = submitVariant === "goapi" ? { task_id: result.id } : result.id;
        return { status: 200, body };
      }
      const task = ctx.store.get(decodeURIComponent(req.path.slice("/suno/fetch/".length)));
      if (!task) {
        return fetchEnvelope === "goapi" ? errorFixture("nengyongai", "error_task_not_found_goapi_variant") : errorFixture("nengyongai", "error_task_not_exist_newapi_variant");
      }
      // Lyrics, WAV and MP4 tasks have no documented GoAPI form; they come back as a TaskDto.
      if (fetchEnvelope === "newapi" || task.kind !== "music") {
        return { status: 200, body: { code: "success", message: "", data: newapiTaskDto(task, ctx, "raw") } };
      }
      return { status: 200, body: { code: 200, data: goapiTaskData(task, ctx), message: "success" } };
    },
    error(status, message, code) {
      if (status === 404) return { code: 404, data: null, message, error_message: message };
      return newapiError(status, message, code);
    },
    callbackBody: (task, ctx) => (fetchEnvelope === "goapi" ? goapiTaskData(task, ctx) : newapiTaskDto(task, ctx, "raw")),
  };
  return startSimulator("nengyongai", handler, options);
}
