// The plain shapes the API and pages exchange. Isomorphic and secret-free.
import type { ClipModel } from "@/lib/models";

import type { ClipState, TaskKind, TaskStatus, Visibility } from "@/lib/domain";

export type { ClipState, TaskStatus, Visibility } from "@/lib/domain";

export interface ClipDto {
  id: string;
  taskId: string;
  providerId: string;
  title: string;
  lyrics: string | null;
  style: string | null;
  prompt: string | null;
  model: ClipModel | string;
  duration: number | null;
  state: ClipState;
  errorMessage: string | null;
  /** Stable app URL (/media/<id>/audio) once the clip has final audio; the route serves the archive or falls back to the vendor. */
  audioUrl: string | null;
  /** Live preview while the vendor is still streaming. */
  previewUrl: string | null;
  imageUrl: string | null;
  videoUrl: string | null;
  archived: boolean;
  visibility: Visibility;
  starred: boolean;
  owner: { id: string; name: string };
  parentClipId: string | null;
  continueAt: number | null;
  createdAt: string;
  deletedAt: string | null;
}

/** A clip as lists show it: no lyrics, prompt, lineage or vendor details. */
export type ClipSummaryDto = Pick<
  ClipDto,
  "id" | "providerId" | "title" | "style" | "model" | "duration" | "state" | "audioUrl" | "previewUrl" | "imageUrl" | "visibility" | "starred" | "owner" | "createdAt" | "deletedAt"
>;

export interface TaskDto {
  id: string;
  kind: TaskKind;
  providerId: string;
  providerName: string;
  status: TaskStatus;
  progress: number | null;
  /** True when progress is our time-based estimate rather than the vendor's figure. */
  progressEstimated: boolean;
  /** `message` is Songloft's English sentence for `code`; `vendorMessage` is the vendor's own words, null when it gave none. */
  error: { code: string; message: string; vendorMessage: string | null } | null;
  request: Record<string, unknown>;
  result: { title: string; text: string } | null;
  owner: { id: string; name: string };
  createdAt: string;
  submittedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  clips: ClipDto[];
}

export function mediaUrl(clipId: string, kind: "audio" | "cover" | "video"): string {
  return `/media/${clipId}/${kind}`;
}
