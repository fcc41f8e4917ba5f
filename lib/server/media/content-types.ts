// Which content a media kind may hold, which file extension it gets on disk, and
// how the file is named when a person downloads it.

/** The public names used in /media/<clipId>/<kind> URLs and on disk. */
export type MediaKind = "audio" | "cover" | "video" | "wav";
/** The names the media_files table uses. */
export type MediaRowKind = "audio" | "image" | "video" | "wav";

export const MEDIA_KINDS: readonly MediaKind[] = ["audio", "cover", "video", "wav"];

export function isMediaKind(value: string): value is MediaKind {
  return (MEDIA_KINDS as readonly string[]).includes(value);
}

export function rowKindOf(kind: MediaKind): MediaRowKind {
  return kind === "cover" ? "image" : kind;
}

export function mediaKindOf(kind: MediaRowKind): MediaKind {
  return kind === "image" ? "cover" : kind;
}

const TOP_LEVEL: Record<MediaKind, string> = { audio: "audio", cover: "image", video: "video", wav: "audio" };

// CDNs sometimes label files as generic bytes; the URL's extension then decides.
const OCTET_STREAM_EXTENSIONS: Record<MediaKind, string[]> = {
  audio: ["mp3", "wav", "m4a"],
  cover: ["png", "jpg", "jpeg", "webp"],
  video: ["mp4"],
  wav: ["wav"],
};

const EXTENSIONS: Record<string, string> = {
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/wav": "wav",
  "audio/wave": "wav",
  "audio/x-wav": "wav",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/aac": "aac",
  "audio/ogg": "ogg",
  "audio/flac": "flac",
  "audio/webm": "weba",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/avif": "avif",
  "image/svg+xml": "svg",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "video/quicktime": "mov",
};

const TYPE_OF_EXTENSION: Record<string, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  m4a: "audio/mp4",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  mp4: "video/mp4",
};

/** `Audio/MPEG; charset=x` → `audio/mpeg`; empty string when absent. */
export function essence(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

function urlExtension(url: URL | undefined): string {
  const match = url && /\.([a-z0-9]{1,5})$/i.exec(url.pathname);
  return match ? match[1].toLowerCase() : "";
}

/**
 * The content type to store for a download, or null when the response is not
 * acceptable for this kind (text/html and friends always fail here).
 */
export function acceptContentType(kind: MediaKind, contentType: string | null | undefined, url?: URL): string | null {
  const type = essence(contentType);
  if (/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) && type.startsWith(`${TOP_LEVEL[kind]}/`)) return type;
  if (type === "application/octet-stream" || type === "binary/octet-stream" || type === "") {
    const ext = urlExtension(url);
    if (OCTET_STREAM_EXTENSIONS[kind].includes(ext)) return TYPE_OF_EXTENSION[ext];
  }
  return null;
}

/** The extension a stored file gets; `bin` for a subtype we have no name for. */
export function extensionFor(contentType: string): string {
  return EXTENSIONS[essence(contentType)] ?? "bin";
}

export function isSvg(contentType: string): boolean {
  return essence(contentType) === "image/svg+xml";
}

/** Keeps a title readable as a file name on every OS: no separators, controls or reserved characters. */
export function safeFileStem(title: string, fallback: string): string {
  const cleaned = title
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+|\.+$/g, "");
  const stem = [...cleaned].slice(0, 100).join("").trim();
  return stem || fallback;
}

/** `inline`/`attachment` with an ASCII fallback name and the real one in RFC 5987 form. */
export function contentDisposition(disposition: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (ascii === fileName) return `${disposition}; filename="${ascii}"`;
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
