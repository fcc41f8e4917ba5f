import { randomUUID } from "node:crypto";
import { alignedWords } from "./aligned";
import { isObject } from "./core";
import { loadFixture } from "./fixtures";
import type { SimContext, SimReply, SimRoute } from "./types";

// The new-api family's calls beyond submit/fetch, shared by the newapi and nengyongai
// simulators, in the shapes the family's relays document (see the adapter's
// newapi-requests.ts): concat, upload by URL, WAV/MP4/timing by clip, persona creation.
// Stems, covers and persona voices are variants of submit/music (newapi.ts).

const CLIP_PATH = /^\/suno\/act\/(wav|mp4|timing)\/([^/]+)$/;
const ACT_ROUTES = { wav: "wav", mp4: "video", timing: "timing" } as const;

export function newapiFamilyRoute(method: string, path: string): SimRoute | null {
  if (method === "POST" && path === "/suno/submit/music") return "submit";
  if (method === "POST" && path === "/suno/submit/lyrics") return "lyrics";
  if (method === "POST" && path === "/suno/submit/concat") return "concat";
  if (method === "POST" && path === "/suno/uploads/audio-url") return "upload";
  if (method === "POST" && path === "/suno/persona/create") return "persona";
  if (method === "GET" && path.startsWith("/suno/fetch/")) return "fetch";
  if (method === "GET" && (path === "/v1/dashboard/billing/subscription" || path === "/v1/dashboard/billing/usage")) return "billing";
  const act = method === "GET" ? CLIP_PATH.exec(path) : null;
  return act ? ACT_ROUTES[act[1] as keyof typeof ACT_ROUTES] : null;
}

/** new-api's TaskError shape, as its relays answer a request they refuse. */
const refuse = (message: string): SimReply => ({ status: 400, body: { code: "invalid_request", message, data: null } });
/** `{code:"success", data}`: the family's envelope for anything but a fetch. */
const success = (data: unknown): SimReply => ({ status: 200, body: { ...loadFixture<object>("newapi", "submit_response"), data } });

/** Answers a family operation; null for the routes newapi.ts handles (submit, lyrics, fetch). */
export async function newapiOperation(req: { method: string; path: string; body: unknown; route: SimRoute }, ctx: SimContext): Promise<SimReply | null> {
  const body = isObject(req.body) ? req.body : {};
  switch (req.route) {
    case "billing":
      return billingAnswer(req.path, ctx);
    case "concat": {
      const source = ctx.store.finishedClip(body.clip_id);
      if (!source) return refuse("clip_id not found");
      const chain = chainOf(ctx, String(body.clip_id));
      const task = ctx.store.create({
        kind: "music",
        op: "concat",
        sourceClipId: String(body.clip_id),
        clipCount: 1,
        request: body,
        title: ctx.store.clipTitle(source, String(body.clip_id)),
        lyrics: chain.map((t) => t.lyrics).join("\n"),
        style: source.style,
        model: source.model,
        callbackUrl: body.notify_hook,
      });
      ctx.scheduleCallback(task);
      return success(task.id);
    }
    case "upload": {
      // The relay fetches the file at once; a link it cannot read is refused here.
      const failure = await ctx.fetchSource(body.url);
      if (failure) return refuse(failure);
      const task = ctx.store.create({ kind: "upload", request: body, title: "Uploaded audio", lyrics: "", instrumental: true });
      return success(task.clipIds[0]);
    }
    case "wav":
    case "video":
    case "timing": {
      const clipId = decodeURIComponent(CLIP_PATH.exec(req.path)?.[2] ?? "");
      const source = ctx.store.finishedClip(clipId);
      if (!source) return refuse("clip not found");
      if (req.route === "timing") {
        return {
          status: 200,
          body: { aligned_words: source.instrumental ? [] : alignedWords(source.lyrics, 2), waveform_data: [0.01, 0.2, 0.4, 0.1], hoot_cer: 0.03, is_streamed: false },
        };
      }
      const task = ctx.store.create({ kind: req.route, op: req.route === "wav" ? "wav" : "mp4", sourceClipId: clipId, request: { clip_id: clipId }, title: source.title });
      return success(task.id);
    }
    case "persona": {
      const source = ctx.store.finishedClip(body.root_clip_id);
      if (!source) return refuse("root_clip_id not found");
      if (typeof body.name !== "string" || body.name.trim() === "") return refuse("name is required");
      const id = randomUUID();
      ctx.store.personas.set(id, { clipId: String(body.root_clip_id), name: body.name });
      return {
        status: 200,
        body: { id, name: body.name, description: body.description ?? "", root_clip_id: body.root_clip_id, clip: { id: body.root_clip_id, title: source.title } },
      };
    }
    default:
      return null;
  }
}

/** The tasks of an extension chain, oldest first, ending with the one that made `clipId`. */
export function chainOf(ctx: SimContext, clipId: string) {
  const chain = [];
  for (let task = ctx.store.taskOfClip(clipId); task;) {
    chain.unshift(task);
    const previous = task.request.continue_clip_id ?? task.request.audio_id;
    task = task.op.includes("extend") && typeof previous === "string" ? ctx.store.taskOfClip(previous) : undefined;
    if (chain.length > 50) break;
  }
  return chain;
}

/**
 * new-api's OpenAI-compatible billing pair (controller/billing.go): the subscription
 * names the key's whole allowance, the usage what it spent in hundredths of a dollar.
 */
function billingAnswer(path: string, ctx: SimContext): SimReply {
  const { hardLimitUsd, usedUsd } = ctx.store.billing;
  if (path.endsWith("/subscription")) {
    return {
      status: 200,
      body: {
        object: "billing_subscription",
        has_payment_method: true,
        soft_limit_usd: hardLimitUsd,
        hard_limit_usd: hardLimitUsd,
        system_hard_limit_usd: hardLimitUsd,
        access_until: 0,
      },
    };
  }
  return { status: 200, body: { object: "list", total_usage: usedUsd * 100 } };
}
