import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { getClipRowForViewer, type ClipViewer } from "@/lib/server/data/clip-access";
import { getMediaFile } from "@/lib/server/data/media";
import { getTaskRow } from "@/lib/server/data/tasks";
import type { ClipRow } from "@/lib/server/db/schema";
import { sha256Hex } from "@/lib/server/ids";
import { logger } from "@/lib/server/logger";
import { isMediaKind, rowKindOf, safeFileStem, type MediaKind } from "@/lib/server/media/content-types";
import { bufferBody, fileBody, serveMedia } from "@/lib/server/media/serve";
import { isDemoAssetUrl, servableSourceUrl } from "@/lib/server/media/sources";
import { absoluteMediaPath } from "@/lib/server/media/storage";
import { localAssetRenderer } from "@/lib/server/providers/registry";

// What /media/<clip>/<kind> (audio, cover, video, wav) answers, under the clip's own
// access rule (SEC-2): a clip the viewer may not see, a deleted or unknown one is 404,
// exactly like the clip page. Otherwise the archived file when there is one, an asset the provider renders
// here (the demo's), or a redirect to the vendor's file until archiving catches up.
// Never a redirect to a live stream.

const ARCHIVE_MAX_AGE = 7 * 24 * 3600;
const DEMO_MAX_AGE = 24 * 3600;

/**
 * The name a download gets, without its extension: `Title` for the first take, `Title
 * (take 2)` for the second, so the two takes of one song never overwrite each other in
 * a downloads folder. Stems are two parts with their own titles (" - Vocals",
 * " - Instrumental"), not takes.
 */
export function downloadStem(clip: Pick<ClipRow, "title" | "position" | "taskId">): string {
  const stem = safeFileStem(clip.title, "song");
  const take = clip.position > 0 && getTaskRow(clip.taskId)?.kind !== "stems" ? ` (take ${clip.position + 1})` : "";
  return `${stem}${take}`;
}

const fileNameFor = (clip: Pick<ClipRow, "title" | "position" | "taskId">, ext: string) => `${downloadStem(clip)}.${ext}`;

async function statFile(absolute: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(absolute);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

export async function serveClipMedia(request: Request, viewer: ClipViewer, clipId: string, kind: string): Promise<Response> {
  const clip = isMediaKind(kind) ? getClipRowForViewer(clipId, viewer) : undefined;
  if (!clip || !isMediaKind(kind)) throw new AppError("not_found", "Clip not found.");
  return respondWithClipMedia(request, clip, kind);
}

/** The response for a clip already checked against the access rule. */
export async function respondWithClipMedia(request: Request, clip: ClipRow, kind: MediaKind): Promise<Response> {
  const download = new URL(request.url).searchParams.get("download") === "1";
  const row = getMediaFile(clip.id, rowKindOf(kind));

  if (row?.status === "archived" && row.path && row.contentType && row.sha256) {
    const absolute = absoluteMediaPath(row.path);
    const stat = await statFile(absolute);
    if (stat) {
      const body = fileBody(absolute, { size: stat.size, contentType: row.contentType, sha256: row.sha256 });
      const ext = path.extname(row.path).slice(1) || "bin";
      return serveMedia(request, body, { fileName: fileNameFor(clip, ext), download, maxAgeSeconds: ARCHIVE_MAX_AGE });
    }
    logger.warn("archived media file is missing; falling back to the vendor URL", { clipId: clip.id, kind });
  }

  const render = localAssetRenderer(clip.providerId);
  const source = servableSourceUrl(clip, kind, { localAssets: Boolean(render) });
  if (source && render && isDemoAssetUrl(source)) {
    const asset = render(source);
    if (asset) {
      const body = bufferBody(asset.body, { contentType: asset.contentType, sha256: sha256Hex(asset.body) });
      return serveMedia(request, body, { fileName: fileNameFor(clip, asset.fileExt), download, maxAgeSeconds: DEMO_MAX_AGE });
    }
  } else if (source) {
    // Not archived yet: the vendor's own file. Not cached, so the archive takes over once it lands.
    return new Response(null, { status: 302, headers: { Location: source, "Cache-Control": "private, no-store" } });
  }
  throw new AppError("not_found", "This clip has no such media.");
}

/**
 * The audio's file type as a download names it (`mp3`, `wav`, `m4a`): the archived
 * file's, else the extension of the URL it will be archived from; null when neither says.
 */
export function audioFileExtension(clip: Pick<ClipRow, "id" | "audioUrl">): string | null {
  const row = getMediaFile(clip.id, "audio");
  if (row?.status === "archived" && row.path) return path.extname(row.path).slice(1).toLowerCase() || null;
  if (!clip.audioUrl) return null;
  try {
    return /\.([a-z0-9]{2,4})$/i.exec(new URL(clip.audioUrl).pathname)?.[1].toLowerCase() ?? null;
  } catch {
    return null;
  }
}
