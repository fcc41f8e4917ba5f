import { clientAddress } from "@/lib/server/client-address";
import { handle } from "@/lib/server/http";
import { serveShareMedia } from "@/lib/server/services/shares";

// A shared song's audio by its token alone (SEC-17), with Range; 404 once the share ends.

type Context = { params: Promise<{ token: string }> };

async function serve(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  return serveShareMedia(request, token, "audio", clientAddress(request.headers));
}

export const GET = handle(serve);
export const HEAD = handle(serve);
