import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { generationBodySchema, idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { submitGeneration } from "@/lib/server/services/generate";

/** POST /api/v1/generations: 202 {task}; a repeat with the same Idempotency-Key returns the same task. */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  const body = await readJson(req, generationBodySchema);
  const { task, rejected } = await submitGeneration(viewer, body, { idempotencyKey: headers["Idempotency-Key"] });
  if (rejected) throw new AppError("vendor_error", task.error?.message ?? "The vendor refused the request.", { details: { task } });
  return NextResponse.json({ task }, { status: 202 });
});
