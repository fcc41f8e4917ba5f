import { NextResponse } from "next/server";
import { quotaUpdateSchema } from "@/lib/schemas/quotas";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { setMemberQuota } from "@/lib/server/services/quotas";

/** PUT /api/v1/users/<id>/quota {daily?, monthly?} (admin): the member's own limits; null hands a period back to the team default. */
export const PUT = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const update = await readJson(req, quotaUpdateSchema);
  return NextResponse.json(setMemberQuota(viewer, id, update));
});
