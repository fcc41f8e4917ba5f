import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJsonValue } from "@/lib/server/http";
import { deletePlaylist, getPlaylistDetail, updatePlaylist } from "@/lib/server/services/playlists";

// A playlist the caller may not see is 404, whichever method; changing a teammate's team playlist is 403.

type Ctx = { params: Promise<{ id: string }> };
const noStore = { "Cache-Control": "private, no-store" };

/** GET /api/v1/playlists/<id>: {playlist} with the songs the caller may see, in order. */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  return NextResponse.json({ playlist: getPlaylistDetail(viewer, id) }, { headers: noStore });
});

/** PATCH /api/v1/playlists/<id> {name?, description?, visibility?}: {playlist}. The owner's. */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  return NextResponse.json({ playlist: updatePlaylist(viewer, id, await readJsonValue(req)) }, { headers: noStore });
});

/** DELETE /api/v1/playlists/<id>: 204; its share links answer 404 from now on. The owner's. */
export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  deletePlaylist(viewer, id);
  return new Response(null, { status: 204 });
});
