import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJsonValue } from "@/lib/server/http";
import { addToPlaylist, reorderPlaylist } from "@/lib/server/services/playlist-items";

type Ctx = { params: Promise<{ id: string }> };
const noStore = { "Cache-Control": "private, no-store" };

/** POST /api/v1/playlists/<id>/items {clipId, position?}: 201 {playlist}. The owner's. */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  return NextResponse.json({ playlist: addToPlaylist(viewer, id, await readJsonValue(req)) }, { status: 201, headers: noStore });
});

/** PUT /api/v1/playlists/<id>/items {clipIds}: {playlist} in the new order. The owner's. */
export const PUT = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  return NextResponse.json({ playlist: reorderPlaylist(viewer, id, await readJsonValue(req)) }, { headers: noStore });
});
