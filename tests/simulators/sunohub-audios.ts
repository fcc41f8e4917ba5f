import { chainOf } from "./newapi-operations";
import { sunohubError } from "./sunohub";
import type { TaskInit } from "./tasks";
import type { SimContext, SimReply } from "./types";

// What sunohub's /suno/audios accepts, action by action, with AceData's own error words
// (REFERENCE §A3.2), and the task each action makes. Upload actions fetch `audio_url`
// the way the vendor does, so an app's signed upload link is really exercised: a link
// that cannot be read makes a task that fails with the reason.

const ACTIONS = ["generate", "extend", "cover", "upload_extend", "upload_cover", "concat", "stems", "artist_consistency"];

const bad = (message: string): SimReply => ({ status: 400, body: sunohubError(400, message, "bad_request") });
const gone = () => bad("The song id does not exist or has been taken offline.");

export async function validateAudios(body: Record<string, unknown>, ctx: SimContext): Promise<TaskInit | SimReply> {
  const action = typeof body.action === "string" ? body.action : "generate";
  if (!ACTIONS.includes(action)) return bad(`action ${action} is not supported by this simulator`);
  if (typeof body.custom !== "undefined" && typeof body.custom !== "boolean") return bad("custom must be a boolean");
  const base = { request: body, model: body.model, callbackUrl: body.callback_url, op: action };

  if (action === "concat" || action === "stems") {
    const source = ctx.store.finishedClip(body.audio_id);
    if (!source) return gone();
    const clipId = String(body.audio_id);
    const title = ctx.store.clipTitle(source, clipId);
    const shared = { ...base, kind: "music" as const, sourceClipId: clipId, title, style: source.style, model: body.model ?? source.model };
    if (action === "stems") return { ...shared, clipTitles: [`${title} - Vocals`, `${title} - Instrumental`], lyrics: source.lyrics };
    return {
      ...shared,
      clipCount: 1,
      lyrics: chainOf(ctx, clipId)
        .map((t) => t.lyrics)
        .join("\n"),
    };
  }

  let failReason: string | undefined;
  let sourceTitle: unknown;
  if (action.startsWith("upload_")) {
    if (typeof body.audio_url !== "string") return bad(`audio_url is required when ${action.replace("_", " ")} audio`);
    failReason = (await ctx.fetchSource(body.audio_url)) ?? undefined;
  } else if (action !== "generate") {
    const source = ctx.store.finishedClip(body.audio_id);
    if (!body.audio_id) return bad(`audio_id is required when ${action} audio`);
    if (!source) return gone();
    sourceTitle = ctx.store.clipTitle(source, String(body.audio_id));
  }
  if (action === "artist_consistency" && !ctx.store.personas.has(String(body.persona_id))) return bad("The persona does not exist.");
  if (action.endsWith("extend")) {
    if (typeof body.continue_at !== "number" || body.continue_at <= 0) return bad("continue_at must be a number greater than 0");
    if (!body.lyric && body.instrumental !== true) return bad(`lyric is required when ${action.replace("_", " ")} audio and instrumental is false`);
  } else if (body.custom === true) {
    if (!body.lyric && body.instrumental !== true) return bad("lyric is required when generate custom audio");
  } else if (!body.prompt) {
    return bad(`prompt is required when ${action === "generate" ? "generate" : action.replace("_", " ")} audio`);
  }
  return {
    ...base,
    kind: "music",
    sourceClipId: typeof body.audio_id === "string" ? body.audio_id : null,
    failReason,
    title: body.title ?? sourceTitle,
    lyrics: body.lyric,
    style: body.style,
    description: body.prompt,
    instrumental: body.instrumental,
  };
}
