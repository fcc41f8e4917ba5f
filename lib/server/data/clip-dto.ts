import { mediaUrl, type ClipDto, type ClipSummaryDto } from "@/lib/dto";
import type { ClipRow } from "@/lib/server/db/schema";
import { downsamplePeaks, LIST_WAVEFORM_POINTS, WAVEFORM_POINTS } from "@/lib/waveform";
import type { ClipSummaryColumn } from "./clip-rows";

// One mapping from a clip row to the shape the API and pages show. Media always goes
// through the app's own URLs (/media/<id>/…), which serve the archive or fall back to
// the vendor, so a page never depends on a vendor URL staying alive.

export interface ClipDtoExtras {
  ownerName: string;
  starred: boolean;
  /** The audio is in DATA_DIR/media. */
  archived: boolean;
  /** The waveform's peaks (0–255), or null until the waveform worker made them. */
  waveform: Buffer | null;
}

const isHttp = (url: string) => /^https?:\/\//i.test(url);

/** Lists get a coarse waveform (a row draws a small one); a clip's own page the full one. */
export function toClipSummaryDto(row: Pick<ClipRow, ClipSummaryColumn>, extras: ClipDtoExtras, waveformPoints = LIST_WAVEFORM_POINTS): ClipSummaryDto {
  const { ownerName, starred, archived, waveform } = extras;
  const finalAudio = Boolean(row.audioUrl) || archived;
  return {
    id: row.id,
    providerId: row.providerId,
    title: row.title,
    style: row.style,
    model: row.model,
    duration: row.duration,
    state: row.state,
    audioUrl: finalAudio ? mediaUrl(row.id, "audio") : null,
    previewUrl: finalAudio ? null : previewUrl(row),
    imageUrl: row.imageUrl || row.imageLargeUrl ? mediaUrl(row.id, "cover") : null,
    visibility: row.visibility,
    starred,
    owner: { id: row.ownerId, name: ownerName },
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
    waveform: waveform ? downsamplePeaks(waveform, waveformPoints) : null,
  };
}

export function toClipDto(row: ClipRow, extras: ClipDtoExtras, waveformPoints = WAVEFORM_POINTS): ClipDto {
  return {
    ...toClipSummaryDto(row, extras, waveformPoints),
    taskId: row.taskId,
    lyrics: row.lyrics,
    prompt: row.prompt,
    errorMessage: row.errorMessage,
    videoUrl: row.videoUrl ? mediaUrl(row.id, "video") : null,
    formats: {
      ...(row.wavUrl ? { wav: mediaUrl(row.id, "wav") } : {}),
      ...(row.videoUrl ? { video: mediaUrl(row.id, "video") } : {}),
    },
    archived: extras.archived,
    parentClipId: row.parentClipId,
    continueAt: row.continueAt,
    segments: row.segments ?? null,
  };
}

/**
 * While a clip streams, the vendor's live preview plays directly. A preview that is
 * not a web URL (the demo provider's `demo:` assets) is served by the app's audio
 * route instead.
 */
function previewUrl(row: Pick<ClipRow, "id" | "streamAudioUrl">): string | null {
  if (!row.streamAudioUrl) return null;
  return isHttp(row.streamAudioUrl) ? row.streamAudioUrl : mediaUrl(row.id, "audio");
}
