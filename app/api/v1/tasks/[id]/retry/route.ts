import { idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { acceptedTask, assertSameOrigin, handle } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { retryTask } from "@/lib/server/services/task-history";

/** POST /api/v1/tasks/<id>/retry: 202 {task}, a new task with the failed one's request; someone else's task is 404, one that did not fail 409. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  return acceptedTask(await retryTask(viewer, id, { idempotencyKey: headers["Idempotency-Key"] }));
});
