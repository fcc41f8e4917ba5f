import { clientAddress } from "@/lib/server/client-address";
import { handle } from "@/lib/server/http";
import { servePlaylistTrackMedia } from "@/lib/server/services/playlist-shares";

// One track's cover of a shared playlist, by the share's token and the track's number (1…n)
// alone (SEC-17), with Range; 404 once the share ends or past the last track.

type Context = { params: Promise<{ token: string; n: string }> };

async function serve(request: Request, { params }: Context): Promise<Response> {
  const { token, n } = await params;
  const number = /^\d{1,4}$/.test(n) ? Number(n) : 0;
  return servePlaylistTrackMedia(request, token, number, "cover", clientAddress(request.headers));
}

export const GET = handle(serve);
export const HEAD = handle(serve);
