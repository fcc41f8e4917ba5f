import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle } from "@/lib/server/http";
import { restoreClip } from "@/lib/server/services/library";

/** POST /api/v1/clips/<id>/restore: brings a clip back from the trash, {clip}. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  return NextResponse.json({ clip: restoreClip(viewer, id) }, { headers: { "Cache-Control": "private, no-store" } });
});
