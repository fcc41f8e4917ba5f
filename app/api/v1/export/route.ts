import { exportQuerySchema } from "@/lib/schemas/export";
import { searchParamsRecord } from "@/lib/schemas/clips";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { exportClips } from "@/lib/server/services/export/export-clips";
import { myClipsSource, playlistSource, starredClipsSource } from "@/lib/server/services/export/sources";
import { parseOrThrow } from "@/lib/validation";

/** GET /api/v1/export?scope=mine|starred or ?playlist=<id>: the songs as a streamed ZIP (tagged MP3s, .lrc, songloft.json). */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  const { scope, playlist, progress } = parseOrThrow(exportQuerySchema, searchParamsRecord(new URL(req.url).searchParams));
  const source = () => (playlist ? playlistSource(viewer, playlist) : scope === "starred" ? starredClipsSource(viewer) : myClipsSource(viewer));
  const { body, headers } = exportClips(viewer, source, { signal: req.signal, progressId: progress });
  return new Response(body, { headers });
});
