import { NextResponse } from "next/server";
import { searchParamsRecord } from "@/lib/schemas/clips";
import { playlistListQuerySchema } from "@/lib/schemas/playlists";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readJsonValue } from "@/lib/server/http";
import { createPlaylist, listPlaylistsPage } from "@/lib/server/services/playlists";
import { parseOrThrow } from "@/lib/validation";

const noStore = { "Cache-Control": "private, no-store" };

/** GET /api/v1/playlists?scope=mine|team: {items, nextCursor}, most recently changed first. */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  const query = parseOrThrow(playlistListQuerySchema, searchParamsRecord(new URL(req.url).searchParams));
  return NextResponse.json(listPlaylistsPage(viewer, query), { headers: noStore });
});

/** POST /api/v1/playlists {name, description?, visibility}: 201 {playlist}. */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  const playlist = createPlaylist(viewer, await readJsonValue(req));
  return NextResponse.json({ playlist }, { status: 201, headers: noStore });
});
