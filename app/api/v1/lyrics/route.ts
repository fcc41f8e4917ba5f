import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { idempotencyHeaderSchema, lyricsBodySchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { submitLyrics } from "@/lib/server/services/generate";

/** POST /api/v1/lyrics: 202 {task} of kind lyrics; when it succeeds, task.result is {title, text}. */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  const body = await readJson(req, lyricsBodySchema);
  const { task, rejected } = await submitLyrics(viewer, body, { idempotencyKey: headers["Idempotency-Key"] });
  if (rejected) throw new AppError("vendor_error", task.error?.message ?? "The vendor refused the request.", { details: { task } });
  return NextResponse.json({ task }, { status: 202 });
});
