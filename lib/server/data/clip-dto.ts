import { mediaUrl, type ClipDto } from "@/lib/dto";
import type { ClipRow } from "@/lib/server/db/schema";

// One mapping from a clip row to the shape the API and pages show. Media always goes
// through the app's own URLs (/media/<id>/…), which serve the archive or fall back to
// the vendor, so a page never depends on a vendor URL staying alive.

export interface ClipDtoExtras {
  ownerName: string;
  starred: boolean;
  /** The audio is in DATA_DIR/media. */
  archived: boolean;
}

const isHttp = (url: string) => /^https?:\/\//i.test(url);

export function toClipDto(row: ClipRow, { ownerName, starred, archived }: ClipDtoExtras): ClipDto {
  const finalAudio = Boolean(row.audioUrl) || archived;
  return {
    id: row.id,
    taskId: row.taskId,
    providerId: row.providerId,
    title: row.title,
    lyrics: row.lyrics,
    style: row.style,
    prompt: row.prompt,
    model: row.model,
    duration: row.duration,
    state: row.state,
    errorMessage: row.errorMessage,
    audioUrl: finalAudio ? mediaUrl(row.id, "audio") : null,
    previewUrl: finalAudio ? null : previewUrl(row),
    imageUrl: row.imageUrl || row.imageLargeUrl ? mediaUrl(row.id, "cover") : null,
    videoUrl: row.videoUrl ? mediaUrl(row.id, "video") : null,
    archived,
    visibility: row.visibility,
    starred,
    owner: { id: row.ownerId, name: ownerName },
    parentClipId: row.parentClipId,
    continueAt: row.continueAt,
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  };
}

/**
 * While a clip streams, the vendor's live preview plays directly. A preview that is
 * not a web URL (the demo provider's `demo:` assets) is served by the app's audio
 * route instead.
 */
function previewUrl(row: ClipRow): string | null {
  if (!row.streamAudioUrl) return null;
  return isHttp(row.streamAudioUrl) ? row.streamAudioUrl : mediaUrl(row.id, "audio");
}
