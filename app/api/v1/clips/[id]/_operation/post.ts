import { z } from "zod";
import { idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { acceptedTask, assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { submitClipOperation } from "@/lib/server/services/operations";

type Ctx = { params: Promise<{ id: string }> };

/** POST /api/v1/clips/<id>/<operation>: 202 {task}. The body is empty (or `{}`); the same handler for stems, WAV and video. */
export function clipOperationPost(operation: "stems" | "wav" | "video") {
  return handle(async (req: Request, ctx: Ctx) => {
    assertSameOrigin(req);
    const viewer = await requireApiUser(req);
    const { id } = await ctx.params;
    const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
    await readJson(req, z.strictObject({}));
    return acceptedTask(await submitClipOperation(viewer, id, operation, { idempotencyKey: headers["Idempotency-Key"] }));
  });
}
