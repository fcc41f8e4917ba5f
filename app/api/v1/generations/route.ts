import { concatBodySchema, generationBodySchema, idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { acceptedTask, assertSameOrigin, handle, readJsonValue } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { submitGeneration } from "@/lib/server/services/generate";
import { submitConcat } from "@/lib/server/services/operations";

/**
 * POST /api/v1/generations: 202 {task}; a repeat with the same Idempotency-Key returns
 * the same task. A body with `concat` is a whole-song request (no mode); any other
 * body is a song, extension or cover. Unknown fields are a 400 either way.
 */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  const options = { idempotencyKey: headers["Idempotency-Key"] };
  const data = await readJsonValue(req);
  if (data !== null && typeof data === "object" && "concat" in data) return acceptedTask(await submitConcat(viewer, parseOrThrow(concatBodySchema, data), options));
  return acceptedTask(await submitGeneration(viewer, parseOrThrow(generationBodySchema, data), options));
});
