import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { serveClipMedia } from "@/lib/server/services/clip-media";

// Stable media URLs (/media/<clipId>/audio|cover|video|wav): signed out → 401; the rest
// (the access rule, archive or vendor fallback) is the service's.

type Context = { params: Promise<{ clipId: string; kind: string }> };

async function serve(request: Request, { params }: Context): Promise<Response> {
  const viewer = await requireApiUser(request);
  const { clipId, kind } = await params;
  return serveClipMedia(request, viewer, clipId, kind);
}

export const GET = handle(serve);
export const HEAD = handle(serve);
