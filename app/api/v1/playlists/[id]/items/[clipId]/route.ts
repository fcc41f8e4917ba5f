import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle } from "@/lib/server/http";
import { removeFromPlaylist } from "@/lib/server/services/playlist-items";

type Ctx = { params: Promise<{ id: string; clipId: string }> };

/** DELETE /api/v1/playlists/<id>/items/<clipId>: 204. The owner's. */
export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id, clipId } = await ctx.params;
  removeFromPlaylist(viewer, id, clipId);
  return new Response(null, { status: 204 });
});
