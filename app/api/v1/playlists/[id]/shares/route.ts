import { NextResponse } from "next/server";
import { createShareSchema } from "@/lib/schemas/shares";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { createPlaylistShare } from "@/lib/server/services/playlist-shares";

type Ctx = { params: Promise<{ id: string }> };

/** POST /api/v1/playlists/<id>/shares {expiresInDays?}: 201 {share}. The playlist's owner only. */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const body = await readJson(req, createShareSchema);
  const share = createPlaylistShare(viewer, id, { expiresInDays: body.expiresInDays ?? undefined });
  return NextResponse.json({ share }, { status: 201, headers: { "Cache-Control": "private, no-store" } });
});
