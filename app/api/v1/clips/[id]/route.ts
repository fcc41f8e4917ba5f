import { NextResponse } from "next/server";
import { clipDeleteQuerySchema, clipPatchSchema, searchParamsRecord } from "@/lib/schemas/clips";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJson } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { deleteClip, getClip, purgeClip, updateClip } from "@/lib/server/services/library";

// A clip the caller may not see is 404, whichever method (SEC-2).

type Ctx = { params: Promise<{ id: string }> };
const noStore = { "Cache-Control": "private, no-store" };

/** GET /api/v1/clips/<id>: {clip}. */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  return NextResponse.json({ clip: getClip(viewer, id) }, { headers: noStore });
});

/** PATCH /api/v1/clips/<id> {title?, visibility?, starred?}: {clip}. Title and visibility are the owner's. */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const patch = await readJson(req, clipPatchSchema);
  return NextResponse.json({ clip: updateClip(viewer, id, patch) }, { headers: noStore });
});

/** DELETE /api/v1/clips/<id>: moves it to the trash, {clip}; `?permanent=true` purges a trashed clip (204). */
export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const { permanent } = parseOrThrow(clipDeleteQuerySchema, searchParamsRecord(new URL(req.url).searchParams));
  if (permanent) {
    purgeClip(viewer, id);
    return new Response(null, { status: 204 });
  }
  return NextResponse.json({ clip: deleteClip(viewer, id) }, { headers: noStore });
});
