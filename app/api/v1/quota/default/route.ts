import { NextResponse } from "next/server";
import { quotaUpdateSchema } from "@/lib/schemas/quotas";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { getTeamQuotaDefaultsForAdmin, setTeamQuotaDefaultsForAdmin } from "@/lib/server/services/quotas";

/** GET /api/v1/quota/default (admin): the team default per period (null: unlimited). */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  return NextResponse.json(getTeamQuotaDefaultsForAdmin(viewer), { headers: { "Cache-Control": "private, no-store" } });
});

/** PUT /api/v1/quota/default {daily?, monthly?} (admin): members without their own limit get these. */
export const PUT = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const update = await readJson(req, quotaUpdateSchema);
  return NextResponse.json(setTeamQuotaDefaultsForAdmin(viewer, update));
});
