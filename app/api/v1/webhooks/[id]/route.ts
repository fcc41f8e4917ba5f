import { NextResponse } from "next/server";
import { updateWebhookSchema } from "@/lib/schemas/webhooks";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { deleteWebhook, updateWebhook } from "@/lib/server/services/webhooks";

type Ctx = { params: Promise<{ id: string }> };
const noStore = { "Cache-Control": "private, no-store" };

/** PATCH /api/v1/webhooks/<id> {name?, url?, format?, events?, enabled?}: {webhook} (admins). */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const caller = await requireApiUser(req);
  const { id } = await ctx.params;
  const patch = await readJson(req, updateWebhookSchema);
  return NextResponse.json({ webhook: await updateWebhook(caller, id, patch) }, { headers: noStore });
});

/** DELETE /api/v1/webhooks/<id>: 204; its deliveries go with it (admins). */
export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const caller = await requireApiUser(req);
  const { id } = await ctx.params;
  deleteWebhook(caller, id);
  return new Response(null, { status: 204 });
});
