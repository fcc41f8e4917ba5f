import { NextResponse } from "next/server";
import { exportIdSchema } from "@/lib/schemas/export";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { cancelExport, readExportProgress } from "@/lib/server/services/export/export-progress";
import { parseOrThrow } from "@/lib/validation";
import { z } from "zod";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: exportIdSchema });

/** GET: how far the caller's export started with `progress=<id>` has got. */
export const GET = handle(async (req: Request, { params: raw }: Context) => {
  const viewer = await requireApiUser(req);
  const { id } = parseOrThrow(params, await raw);
  return NextResponse.json(readExportProgress(viewer.id, id), { headers: { "Cache-Control": "private, no-store" } });
});

/** DELETE: cancels it; the download ends at once. */
export const DELETE = handle(async (req: Request, { params: raw }: Context) => {
  const viewer = await requireApiUser(req);
  const { id } = parseOrThrow(params, await raw);
  cancelExport(viewer.id, id);
  return new Response(null, { status: 204 });
});
