// The plain shapes the API and pages exchange. Isomorphic and secret-free. Each type
// is inferred from the response schema in lib/schemas/responses.ts, which also writes
// the OpenAPI document: the API, the pages and the document cannot disagree.
import type { z } from "zod";
import type {
  clipDtoSchema,
  personaDtoSchema,
  playlistDetailSchema,
  playlistDtoSchema,
  shareDtoSchema,
  taskDtoSchema,
  timedLyricsSchema,
  uploadDtoSchema,
} from "@/lib/schemas/responses";

export type { ClipState, TaskStatus, Visibility } from "@/lib/domain";

export type ClipDto = z.infer<typeof clipDtoSchema>;

/** A clip as lists show it: no lyrics, prompt, lineage or vendor details. */
export type ClipSummaryDto = Pick<
  ClipDto,
  | "id"
  | "providerId"
  | "title"
  | "style"
  | "model"
  | "duration"
  | "state"
  | "audioUrl"
  | "previewUrl"
  | "imageUrl"
  | "visibility"
  | "starred"
  | "owner"
  | "createdAt"
  | "deletedAt"
  | "waveform"
>;

export type TaskDto = z.infer<typeof taskDtoSchema>;
export type PersonaDto = z.infer<typeof personaDtoSchema>;
export type UploadDto = z.infer<typeof uploadDtoSchema>;
export type ShareDto = z.infer<typeof shareDtoSchema>;
export type PlaylistDto = z.infer<typeof playlistDtoSchema>;
export type PlaylistDetailDto = z.infer<typeof playlistDetailSchema>;

/** One line of timed lyrics: seconds from the start of the clip. */
export type TimedLineDto = z.infer<typeof timedLyricsSchema>["lines"][number];

export function mediaUrl(clipId: string, kind: "audio" | "cover" | "video" | "wav"): string {
  return `/media/${clipId}/${kind}`;
}
