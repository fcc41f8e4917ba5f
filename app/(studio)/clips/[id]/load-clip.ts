import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { publicOrigin } from "@/lib/server/http";
import { isAppError } from "@/lib/errors";
import type { ClipDto } from "@/lib/dto";
import type { Viewer } from "@/lib/server/auth/session";
import { getClip, getClipDetails, type ClipDetails } from "@/lib/server/services/library";

/** The clip when the viewer may read it (the extend and cover forms); anything else is a 404, exactly like a clip that does not exist. */
export function clipOr404(viewer: Viewer, clipId: string): ClipDto {
  try {
    return getClip(viewer, clipId);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
}

/**
 * The clip page's data, once per request (metadata and page share it). Anything the
 * viewer may not see, deleted or unknown, is a plain 404 (SEC-2).
 */
export const loadClipDetails = cache((viewerId: string, clipId: string): ClipDetails => {
  try {
    return getClipDetails({ id: viewerId }, clipId);
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "validation" || err.code === "bad_request")) notFound();
    throw err;
  }
});

/** Open Graph wants absolute URLs: APP_URL when configured, else the address this request came to. */
export async function absoluteUrl(path: string): Promise<string> {
  return new URL(path, `${publicOrigin(await headers())}/`).toString();
}
