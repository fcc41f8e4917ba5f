import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { getClipRowForViewer } from "@/lib/server/data/clip-access";
import { handle } from "@/lib/server/http";
import { respondWithClipMedia } from "@/lib/server/media/clip-response";
import { isMediaKind } from "@/lib/server/media/content-types";

// Stable media URLs (/media/<clipId>/audio|cover|video) under the clip's own access
// rule (SEC-2): signed out → 401; a clip the viewer may not see, a deleted or
// unknown one → 404, exactly like the clip page.

type Context = { params: Promise<{ clipId: string; kind: string }> };

async function serve(request: Request, { params }: Context): Promise<Response> {
  const viewer = await requireApiUser(request);
  const { clipId, kind } = await params;
  const clip = isMediaKind(kind) ? getClipRowForViewer(clipId, viewer) : undefined;
  if (!clip || !isMediaKind(kind)) throw new AppError("not_found", "Clip not found.");
  return respondWithClipMedia(request, clip, kind);
}

export const GET = handle(serve);
export const HEAD = handle(serve);
