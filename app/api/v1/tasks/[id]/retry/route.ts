import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { retryTask } from "@/lib/server/services/task-history";

/** POST /api/v1/tasks/<id>/retry: 202 {task}, a new task with the failed one's request; someone else's task is 404, one that did not fail 409. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  const { task, rejected } = await retryTask(viewer, id, { idempotencyKey: headers["Idempotency-Key"] });
  if (rejected) throw new AppError("vendor_error", task.error?.message ?? "The vendor refused the request.", { details: { task } });
  return NextResponse.json({ task }, { status: 202 });
});
