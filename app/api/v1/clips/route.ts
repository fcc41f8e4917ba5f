import { NextResponse } from "next/server";
import { clipListQuerySchema, searchParamsRecord } from "@/lib/schemas/clips";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { listLibrary } from "@/lib/server/services/library";

/** GET /api/v1/clips: {items, nextCursor}, newest first; scope mine (default) or team, filters and search. */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  const query = parseOrThrow(clipListQuerySchema, searchParamsRecord(new URL(req.url).searchParams));
  return NextResponse.json(listLibrary(viewer, query), { headers: { "Cache-Control": "private, no-store" } });
});
