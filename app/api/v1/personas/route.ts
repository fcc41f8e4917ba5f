import { NextResponse } from "next/server";
import { idempotencyHeaderSchema, personaBodySchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { acceptedTask, assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { listPersonas, submitPersona } from "@/lib/server/services/operations";

/** GET /api/v1/personas: {items} — the team's personas, newest first. */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  return NextResponse.json({ items: listPersonas(viewer) }, { headers: { "Cache-Control": "private, no-store" } });
});

/** POST /api/v1/personas {clipId, name, description?}: 202 {task}; the persona appears in the list when the task succeeds. */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const headers = parseOrThrow(idempotencyHeaderSchema, { "Idempotency-Key": req.headers.get("idempotency-key") ?? undefined });
  const body = await readJson(req, personaBodySchema);
  return acceptedTask(await submitPersona(viewer, body, { idempotencyKey: headers["Idempotency-Key"] }));
});
