import { z } from "zod";
import { idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { acceptedTask, assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { submitClipOperation } from "@/lib/server/services/operations";

type Ctx = { params: Promise<{ id: string }> };

/** POST /api/v1/clips/<id>/stems: 202 {task}; two new clips, "<title> - Vocals" and "<title> - Instrumental", with lineage to this one. The body is empty (or `{}`). */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  await readJson(req, z.strictObject({}));
  return acceptedTask(await submitClipOperation(viewer, id, "stems", { idempotencyKey: headers["Idempotency-Key"] }));
});
