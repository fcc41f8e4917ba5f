import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Viewer } from "@/lib/domain";
import type { UploadDto } from "@/lib/dto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getUploadForOwner, getUploadRow, insertUpload } from "@/lib/server/data/uploads";
import type { UploadRow } from "@/lib/server/db/schema";
import { newId, sha256Hex } from "@/lib/server/ids";
import { isListedHost } from "@/lib/server/media/host-policy";
import { MediaFetchError, safeDownload } from "@/lib/server/media/safe-fetch";
import { safeFileStem } from "@/lib/server/media/content-types";
import { fileBody, serveMedia } from "@/lib/server/media/serve";
import { mediaTempDir } from "@/lib/server/media/storage";
import type { UploadSource } from "@/lib/server/providers/types";
import { appSecret } from "@/lib/server/secret";
import { listProvidersForMembers } from "./provider-catalog";

// Audio a member brings in to extend or cover (DESIGN "Round 2 contracts"). The file
// is checked by its bytes, never by its name or the browser's word (MP3 or WAV only,
// ≤ 20 MiB), kept under DATA_DIR/uploads, and reaches a vendor only through a signed
// link on APP_URL that expires: the vendor needs no account, and a leaked link dies.

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Long enough for a vendor's queue to reach the task; short enough that a leaked link dies soon. */
export const UPLOAD_LINK_TTL_MS = 6 * 3600_000;

export type UploadType = UploadDto["contentType"];

function uploadRoot(): string {
  return path.join(env().dataDir, "uploads");
}

/** What the bytes are: an MP3 (ID3 tag or MPEG audio frame sync) or a RIFF/WAVE file; null for anything else. */
export function sniffAudioType(bytes: Uint8Array): UploadType | null {
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WAVE") return "audio/wav";
  if (bytes.length >= 10 && ascii(bytes, 0, 3) === "ID3") return "audio/mpeg";
  // Frame sync: 11 set bits, MPEG version not "reserved", layer III/II/I not "reserved".
  if (bytes.length >= 4 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x18) !== 0x08 && (bytes[1] & 0x06) !== 0) return "audio/mpeg";
  return null;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

async function durationOf(bytes: Uint8Array, contentType: UploadType): Promise<number | null> {
  try {
    // music-metadata is an ES module; imported when needed so the server starts without it.
    const { parseBuffer } = await import("music-metadata");
    const meta = await parseBuffer(bytes, { mimeType: contentType, size: bytes.length }, { duration: true, skipCovers: true });
    const seconds = meta.format.duration;
    return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 100) / 100 : null;
  } catch {
    return null;
  }
}

/** A file name without its extension, as a readable title. */
function titleFrom(name: string | null | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const stem = base
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim();
  return [...stem].slice(0, 100).join("") || "Upload";
}

const notAudio = () => new AppError("validation", "The file is not an MP3 or WAV file.", { details: { file: ["uploadNotAudio"] }, key: "create.upload.errors.notAudio" });
const tooLarge = () => new AppError("payload_too_large", "The file is larger than 20 MiB.", { details: { file: ["uploadTooLarge"] }, key: "create.upload.errors.tooLarge" });

export async function createUploadFromBytes(viewer: Pick<Viewer, "id">, file: { bytes: Uint8Array; name?: string | null; sourceUrl?: string | null }): Promise<UploadDto> {
  if (file.bytes.length === 0) throw notAudio();
  if (file.bytes.length > MAX_UPLOAD_BYTES) throw tooLarge();
  const contentType = sniffAudioType(file.bytes);
  if (!contentType) throw notAudio();
  const id = newId();
  const relative = `${id}.${contentType === "audio/wav" ? "wav" : "mp3"}`;
  const root = uploadRoot();
  await fs.promises.mkdir(root, { recursive: true, mode: 0o700 });
  await fs.promises.writeFile(path.join(root, relative), file.bytes, { flag: "wx", mode: 0o600 });
  const row = insertUpload({
    id,
    ownerId: viewer.id,
    title: titleFrom(file.name),
    contentType,
    path: relative,
    size: file.bytes.length,
    sha256: sha256Hex(Buffer.from(file.bytes)),
    duration: await durationOf(file.bytes, contentType),
    sourceUrl: file.sourceUrl ?? null,
    createdAt: new Date(),
  });
  return toUploadDto(row);
}

/**
 * Fetches a pasted URL with the archiver's safeguards (SEC-10: http(s) only, a size cap,
 * timeouts, no private addresses unless listed in MEDIA_ALLOWED_HOSTS), then keeps it
 * like a dropped file. Any public host may be named: the member chose it.
 */
export async function createUploadFromUrl(viewer: Pick<Viewer, "id">, rawUrl: string): Promise<UploadDto> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new AppError("validation", "Enter a web address starting with http:// or https://.", { details: { url: ["uploadUrlInvalid"] } });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new AppError("validation", "Enter a web address starting with http:// or https://.", { details: { url: ["uploadUrlInvalid"] } });
  const listed = env().MEDIA_ALLOWED_HOSTS;
  let file;
  try {
    file = await safeDownload(url.href, {
      kind: "audio",
      policy: { allowsHost: () => true, allowsPrivateAddress: (u) => isListedHost(listed, u) },
      tempDir: mediaTempDir(),
      maxBytes: MAX_UPLOAD_BYTES,
    });
  } catch (err) {
    if (err instanceof MediaFetchError && err.reason === "too_large") throw tooLarge();
    const reason = err instanceof MediaFetchError ? err.message : "The address could not be fetched.";
    throw new AppError("validation", `The audio could not be fetched: ${reason}`, { details: { url: ["uploadUrlFailed"] }, key: "create.upload.errors.urlFailed" });
  }
  try {
    const bytes = await fs.promises.readFile(file.tempPath);
    return await createUploadFromBytes(viewer, { bytes, name: decodeURIComponent(url.pathname), sourceUrl: url.href });
  } finally {
    await fs.promises.rm(file.tempPath, { force: true });
  }
}

export function toUploadDto(row: UploadRow): UploadDto {
  return { id: row.id, title: row.title, duration: row.duration, contentType: row.contentType as UploadType, size: row.size, createdAt: row.createdAt.toISOString() };
}

export function getUploadForViewer(viewer: Pick<Viewer, "id">, id: string): UploadDto | null {
  const row = getUploadForOwner(id, viewer.id);
  return row ? toUploadDto(row) : null;
}

function signatureFor(id: string, expires: number): string {
  return crypto.createHmac("sha256", appSecret()).update(`upload:${id}:${expires}`).digest("base64url");
}

/** The vendor's way to the file, or null without APP_URL (then uploads are unavailable). */
export function signedUploadUrl(id: string, now = Date.now()): string | null {
  const base = env().APP_URL;
  if (!base) return null;
  const expires = Math.floor((now + UPLOAD_LINK_TTL_MS) / 1000);
  return `${base}/api/uploads/${encodeURIComponent(id)}/${expires}/${signatureFor(id, expires)}`;
}

/** The upload behind a signed link, or null when the link is forged, altered or expired. */
export function openSignedUpload(id: string, expires: string, signature: string, now = Date.now()): { absolutePath: string; row: UploadRow } | null {
  if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now) return null;
  const expected = Buffer.from(signatureFor(id, Number(expires)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const row = getUploadRow(id);
  if (!row) return null;
  const root = uploadRoot();
  const absolutePath = path.resolve(root, row.path);
  if (!absolutePath.startsWith(root + path.sep)) return null;
  return { absolutePath, row };
}

/** The response for a signed link (with Range), or null when the link is not good. */
export async function serveUploadLink(request: Request, id: string, expires: string, signature: string): Promise<Response | null> {
  const opened = openSignedUpload(id, expires, signature);
  if (!opened) return null;
  try {
    await fs.promises.access(opened.absolutePath);
  } catch {
    return null;
  }
  const { row } = opened;
  const body = fileBody(opened.absolutePath, { size: row.size, contentType: row.contentType, sha256: row.sha256 });
  return serveMedia(request, body, { fileName: `${safeFileStem(row.title, "upload")}.${row.contentType === "audio/wav" ? "wav" : "mp3"}`, download: false, maxAgeSeconds: 0 });
}

/** An upload as the adapter is given it: the signed link and what we know of the file. Owner only. */
export function uploadSourceFor(viewer: Pick<Viewer, "id">, uploadId: string): UploadSource {
  const row = getUploadForOwner(uploadId, viewer.id);
  if (!row) throw new AppError("not_found", "Upload not found.", { key: "create.upload.errors.notFound" });
  const audioUrl = signedUploadUrl(row.id);
  if (!audioUrl) throw new AppError("conflict", "Uploads need APP_URL: the vendor fetches the file from this server.", { key: "create.upload.errors.needsAppUrl" });
  return { audioUrl, uploadId: row.id, duration: row.duration, title: row.title };
}

/** Whether members can upload now: APP_URL must be set, and some enabled provider must take uploads. */
export function uploadAvailability(): "ok" | "needsAppUrl" | "noProvider" {
  if (!env().APP_URL) return "needsAppUrl";
  return uploadProvider() ? "ok" : "noProvider";
}

/** The first enabled provider that takes uploads (the demo first on a fresh install). */
export function uploadProvider(): { id: string; capabilities: string[] } | undefined {
  return listProvidersForMembers().find((p) => p.capabilities.includes("upload"));
}
