import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/server/crypto";
import { getClipRowForViewer } from "@/lib/server/data/clip-access";
import { deleteShareForOwner, getShareByTokenHash, insertShare, listSharesForClip, listSharesForOwner, recordShareView, type ShareSubject } from "@/lib/server/data/shares";
import type { ShareRow } from "@/lib/server/db/schema";
import { newId, newSecret, sha256Hex } from "@/lib/server/ids";
import { rateLimit } from "@/lib/server/rate-limit";
import type { Viewer } from "@/lib/domain";
import type { ShareDto } from "@/lib/dto";
import { respondWithClipMedia } from "./clip-media";

// Public share links (SEC-17). A share is its owner's explicit grant to people outside
// the team: it shows one clip (or one playlist: playlist-shares.ts), by a 256-bit token, to anyone holding the link, until it
// is revoked, it expires, or the clip is deleted (trashed or purged) — then every URL of
// it is 404 at once, because each request looks the share up afresh. Making the clip
// private does not end it: private hides a song from the team, and a link the owner
// sent on purpose keeps working until they revoke it (Settings → Shared links).
// What a share exposes: the title, style, lyrics, timing, duration, the creator's
// display name, and the audio and cover by token. No ids, emails or team details.

const PURPOSE = "share-token";
export const SHARE_EXPIRY_CHOICES = [1, 7, 30, 90] as const;

// Per client address: a page view, its embed and a few Range requests for the audio fit
// easily; a scraper walking tokens does not.
export const pageLimit = rateLimit("share-pages", 60, 60_000);
export const mediaLimit = rateLimit("share-media", 600, 60_000);

/** What the public page and the embed may show; nothing that identifies other things. */
export interface PublicShare {
  title: string;
  style: string | null;
  lyrics: string | null;
  timedLyrics: { text: string; start: number; end: number }[] | null;
  duration: number | null;
  creatorName: string;
  createdAt: string;
  hasCover: boolean;
  hasAudio: boolean;
}

function tokenOf(share: ShareRow): string {
  return decryptSecret(share.tokenCiphertext, PURPOSE, share.id);
}

function shareState(share: ShareRow, subjectDeletedAt: Date | null, now = Date.now()): ShareDto["state"] {
  if (subjectDeletedAt) return "unavailable";
  if (share.expiresAt && share.expiresAt.getTime() <= now) return "expired";
  return "active";
}

/** A share as its owner sees it; `title` is the clip's title or the playlist's name. */
export function toShareDto(share: ShareRow, title: string, clipDeletedAt: Date | null): ShareDto {
  return {
    id: share.id,
    url: `/s/${tokenOf(share)}`,
    clipId: share.clipId,
    clipTitle: share.clipId ? title : null,
    playlistId: share.playlistId,
    playlistName: share.playlistId ? title : null,
    createdAt: share.createdAt.toISOString(),
    expiresAt: share.expiresAt?.toISOString() ?? null,
    views: share.views,
    lastViewedAt: share.lastViewedAt?.toISOString() ?? null,
    state: shareState(share, clipDeletedAt),
  };
}

/** A new share of one clip or playlist of the owner's, with a fresh 256-bit token. */
export function mintShare(ownerId: string, subject: ShareSubject, expiresInDays?: number): ShareRow {
  const token = newSecret();
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 24 * 3600 * 1000) : null;
  // The id is chosen first so the sealed token is bound to its own row.
  const id = newId();
  return insertShare({ id, tokenHash: sha256Hex(token), tokenCiphertext: encryptSecret(token, PURPOSE, id), ownerId, expiresAt, ...subject });
}

/** The owner shares one of their finished songs; anyone else, or a song still being made, is 404 / 409. */
export function createClipShare(viewer: Pick<Viewer, "id" | "role">, clipId: string, options: { expiresInDays?: number } = {}): ShareDto {
  const clip = getClipRowForViewer(clipId, viewer);
  if (!clip || clip.ownerId !== viewer.id) throw new AppError("not_found", "Clip not found.");
  if (!clip.audioUrl && clip.state !== "succeeded") {
    throw new AppError("conflict", "The song is still being made; share it once it has finished.", { key: "clip.share.errors.notReady" });
  }
  return toShareDto(mintShare(viewer.id, { clipId: clip.id }, options.expiresInDays), clip.title, clip.deletedAt);
}

export function listMyShares(viewer: Pick<Viewer, "id">): ShareDto[] {
  return listSharesForOwner(viewer.id).map((r) => toShareDto(r.share, r.clipTitle ?? r.playlistName ?? "", r.clipDeletedAt));
}

/** The owner's shares of one clip, for the clip page's share panel. */
export function listClipShares(viewer: Pick<Viewer, "id" | "role">, clipId: string): ShareDto[] {
  const clip = getClipRowForViewer(clipId, viewer);
  if (!clip || clip.ownerId !== viewer.id) return [];
  return listSharesForClip(viewer.id, clip.id).map((s) => toShareDto(s, clip.title, clip.deletedAt));
}

export function revokeShare(viewer: Pick<Viewer, "id">, shareId: string) {
  if (!deleteShareForOwner(viewer.id, shareId)) throw new AppError("not_found", "Share not found.");
}

/** The share a token opens while it lasts (a clip share also ends while its clip is in the trash). */
export function liveShare(token: string) {
  const found = token && token.length <= 128 ? getShareByTokenHash(sha256Hex(token)) : undefined;
  if (!found || shareState(found.share, found.clip?.deletedAt ?? null) !== "active") return undefined;
  return found;
}

/** A live share of a clip, with its clip; undefined for anything else. */
function liveClipShare(token: string) {
  const found = liveShare(token);
  return found?.clip && found.creatorName !== null ? { share: found.share, clip: found.clip, creatorName: found.creatorName } : undefined;
}

export function limited(limit: ReturnType<typeof rateLimit>, client: string) {
  const taken = limit.take(client);
  if (!taken.ok) throw new AppError("rate_limited", "Too many requests for shared songs; try again shortly.", { retryAfter: taken.retryAfter });
}

/** The public view of a live clip share, or null (revoked, expired, deleted, unknown, not a clip's: all the same to a visitor). */
export function openShare(token: string, client: string, options: { countView?: boolean } = {}): PublicShare | null {
  limited(pageLimit, client);
  const found = liveShare(token);
  return found ? publicClipView(found, options) : null;
}

export type LiveShare = NonNullable<ReturnType<typeof liveShare>>;

/** What a live share of a clip shows (null for a playlist's), counting the visit when asked. */
export function publicClipView(found: LiveShare, options: { countView?: boolean } = {}): PublicShare | null {
  const { clip, creatorName } = found;
  if (!clip || creatorName === null) return null;
  if (options.countView) recordShareView(found.share.id);
  return {
    title: clip.title || "Untitled",
    style: clip.style,
    lyrics: clip.lyrics,
    timedLyrics: clip.timedLyrics ?? null,
    duration: clip.duration,
    creatorName,
    createdAt: clip.createdAt.toISOString(),
    hasCover: Boolean(clip.imageUrl),
    hasAudio: Boolean(clip.audioUrl) || clip.state === "succeeded",
  };
}

/** /s/<token>/audio and /cover: the clip's media by token alone, with Range, like /media. */
export async function serveShareMedia(request: Request, token: string, kind: "audio" | "cover", client: string): Promise<Response> {
  limited(mediaLimit, client);
  const found = liveClipShare(token);
  if (!found) throw new AppError("not_found", "Not found.");
  return respondWithClipMedia(request, found.clip, kind);
}

/** The token of a share URL on this server (`…/s/<token>` or `…/s/<token>/embed`), for oEmbed. */
export function tokenFromShareUrl(url: string, origin: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.origin !== new URL(origin).origin) return null;
    return /^\/s\/([A-Za-z0-9_-]{16,128})(?:\/embed)?\/?$/.exec(parsed.pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}
