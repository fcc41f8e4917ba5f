import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle } from "@/lib/server/http";
import { revokeShare } from "@/lib/server/services/shares";

type Ctx = { params: Promise<{ id: string }> };

/** DELETE /api/v1/shares/<id>: 204; the link, its media and its embed answer 404 from now on. */
export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  revokeShare(viewer, id);
  return new Response(null, { status: 204 });
});
