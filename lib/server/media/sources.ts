import type { ClipRow } from "@/lib/server/db/schema";
import type { MediaKind } from "./content-types";
import { isStreamHost } from "./host-policy";

// Which vendor URL stands behind each media kind of a clip. The same choice feeds
// the archiver and the fallback redirect, so both always mean the same file.

type ClipUrls = Pick<ClipRow, "audioUrl" | "imageUrl" | "imageLargeUrl" | "videoUrl" | "wavUrl">;

export function isDemoAssetUrl(url: string): boolean {
  return url.startsWith("demo:");
}

/** An http(s) URL that is a file, not a live stream; null otherwise. */
export function fileUrlOrNull(raw: string | null | undefined, kind: MediaKind): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (isStreamHost(url)) return null;
  // Suno marks a failed take's audio as "None.mp3".
  if (kind === "audio" && /\/None\.mp3$/i.test(url.pathname)) return null;
  return url.href;
}

function rawSource(clip: ClipUrls, kind: MediaKind): string | null {
  if (kind === "audio") return clip.audioUrl;
  if (kind === "cover") return clip.imageUrl || clip.imageLargeUrl;
  if (kind === "wav") return clip.wavUrl;
  return clip.videoUrl;
}

/**
 * The URL to archive for a kind: a `demo:` asset for a provider that renders its own
 * media (localAssets), otherwise a
 * downloadable http(s) file. Null when the clip has nothing usable for that kind.
 */
export function mediaSourceUrl(clip: ClipUrls, kind: MediaKind, options: { localAssets: boolean }): string | null {
  const raw = rawSource(clip, kind)?.trim();
  if (!raw) return null;
  if (isDemoAssetUrl(raw)) return options.localAssets ? raw : null;
  return fileUrlOrNull(raw, kind);
}

/**
 * What the media route may serve before anything is archived: the archive source,
 * or for a demo clip still "streaming" its preview asset (rendered, finite). A
 * vendor's live stream is never served from here.
 */
export function servableSourceUrl(clip: ClipUrls & Pick<ClipRow, "streamAudioUrl">, kind: MediaKind, options: { localAssets: boolean }): string | null {
  const source = mediaSourceUrl(clip, kind, options);
  if (source || kind !== "audio" || !options.localAssets) return source;
  const preview = clip.streamAudioUrl?.trim();
  return preview && isDemoAssetUrl(preview) ? preview : null;
}
