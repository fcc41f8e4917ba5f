import { NextResponse } from "next/server";
import { createWebhookSchema } from "@/lib/schemas/webhooks";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { createWebhook, listWebhooksForAdmin } from "@/lib/server/services/webhooks";

const noStore = { "Cache-Control": "private, no-store" };

/** GET /api/v1/webhooks: the team's webhooks with their recent deliveries (admins). */
export const GET = handle(async (req: Request) => {
  const caller = await requireApiUser(req);
  return NextResponse.json({ items: listWebhooksForAdmin(caller) }, { headers: noStore });
});

/** POST /api/v1/webhooks {name, url, format, events?, enabled?}: 201 {webhook, secret}; the secret is never shown again. */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const caller = await requireApiUser(req);
  const input = await readJson(req, createWebhookSchema);
  return NextResponse.json(await createWebhook(caller, input), { status: 201, headers: noStore });
});
