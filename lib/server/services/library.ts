import type { ClipDto, ClipSummaryDto, Visibility } from "@/lib/dto";
import { AppError } from "@/lib/errors";
import { rangeBound, clipPatchSchema, type ClipListQuery, type ClipPatch } from "@/lib/schemas/clips";
import type { ClipViewer } from "@/lib/server/data/clip-access";
import { toClipDto, toClipSummaryDto } from "@/lib/server/data/clip-dto";
import * as clipData from "@/lib/server/data/clips";
import type { LibraryClipRow, ListClipsInput } from "@/lib/server/data/clips";
import { getProviderRow } from "@/lib/server/data/providers";
import { parseOrThrow } from "@/lib/validation";
import { LIST_WAVEFORM_POINTS, WAVEFORM_POINTS } from "@/lib/waveform";
import { deleteClipMedia } from "./archive-media";
import { audioFileExtension, downloadStem } from "./clip-media";

// The library's use cases. Reading follows the one access rule (clip-access.ts);
// changing a clip is for its owner. Anything the viewer may not see is not_found
// exactly as if it did not exist (SEC-2); a teammate's team-visible clip that the
// viewer may read but not change is forbidden.

export interface ClipPageDto<T = ClipDto> {
  items: T[];
  nextCursor: string | null;
}

export interface ClipDetails {
  clip: ClipDto;
  providerName: string;
  isOwner: boolean;
  /** The other takes of the same task. */
  takes: ClipDto[];
  parent: ClipDto | null;
  extensions: ClipDto[];
  /** A whole song: the parts it joins, oldest first (those the viewer may see). */
  segments: ClipDto[];
  /** The audio's file extension (mp3, wav, …) for the download menu; null when unknown. */
  audioExt: string | null;
  /** What a download of this clip is called, without the extension (`Title (take 2)`). */
  downloadStem: string;
}

const notFound = () => new AppError("not_found", "This clip does not exist or you cannot see it.", { key: "common.errors.clipNotFound" });
const ownerOnly = () => new AppError("forbidden", "Only the clip's owner can change it.", { key: "common.errors.clipOwnerOnly" });

/** A clip as the API shows it; lists pass LIST_WAVEFORM_POINTS so a page of clips stays light. */
export function toDto(row: LibraryClipRow, waveformPoints = WAVEFORM_POINTS): ClipDto {
  return toClipDto(row, { ownerName: row.ownerName, starred: row.starred, archived: row.archived, waveform: row.waveform }, waveformPoints);
}

/** What the query means: a member filter narrows to that member's team-visible clips; the trash is the viewer's own. */
export function listInputFor(viewer: ClipViewer, query: ClipListQuery): ListClipsInput {
  const scope = query.view === "trash" ? "mine" : query.member ? "member" : query.scope;
  return {
    viewer,
    scope,
    memberId: scope === "member" ? query.member : undefined,
    trash: query.view === "trash",
    q: query.q,
    status: query.status,
    model: query.model,
    provider: query.provider,
    starred: query.starred,
    from: rangeBound(query.from, "from"),
    to: rangeBound(query.to, "to"),
    cursor: query.cursor,
    limit: query.limit,
  };
}

export function listLibrary(viewer: ClipViewer, query: ClipListQuery): ClipPageDto {
  const page = clipData.listClips(listInputFor(viewer, query));
  return { items: page.items.map((row) => toDto(row, LIST_WAVEFORM_POINTS)), nextCursor: page.nextCursor };
}

/** The same page as listLibrary, as list rows show it (no lyrics, prompt or lineage). */
export function listLibrarySummaries(viewer: ClipViewer, query: ClipListQuery): ClipPageDto<ClipSummaryDto> {
  const page = clipData.listClipSummaries(listInputFor(viewer, query));
  return { items: page.items.map((row) => toClipSummaryDto(row, row)), nextCursor: page.nextCursor };
}

/** A clip for the viewer; `includeDeleted` lets its owner see it in the trash. */
export function getClip(viewer: ClipViewer, clipId: string, options: { includeDeleted?: boolean } = {}): ClipDto {
  const row = clipData.getClipForViewer({ clipId, viewer, includeDeleted: options.includeDeleted });
  if (!row) throw notFound();
  return toDto(row);
}

/** Everything the clip page shows besides the player. */
export function getClipDetails(viewer: ClipViewer, clipId: string): ClipDetails {
  const row = clipData.getClipForViewer({ clipId, viewer });
  if (!row) throw notFound();
  const lineage = clipData.getClipLineage(row, viewer);
  return {
    clip: toDto(row),
    providerName: getProviderRow(row.providerId)?.name ?? row.providerId,
    isOwner: row.ownerId === viewer.id,
    takes: clipData.listSiblingTakes(row, viewer).map((take) => toDto(take, LIST_WAVEFORM_POINTS)),
    parent: lineage.parent ? toDto(lineage.parent) : null,
    extensions: lineage.extensions.map((extension) => toDto(extension, LIST_WAVEFORM_POINTS)),
    // At most MAX_CHAIN_SEGMENTS primary-key reads, each under the access rule.
    segments: (row.segments ?? []).flatMap((id) => {
      const part = id === row.id ? undefined : clipData.getClipForViewer({ clipId: id, viewer });
      return part ? [toDto(part)] : [];
    }),
    audioExt: row.audioUrl || row.archived ? audioFileExtension(row) : null,
    downloadStem: downloadStem(row),
  };
}

/** For /clips/by-vendor/<id>. */
export function findClipIdByVendorId(viewer: ClipViewer, vendorClipId: string): string {
  const id = clipData.findClipIdByVendorClipId(vendorClipId, viewer);
  if (!id) throw notFound();
  return id;
}

/** The clip when the viewer owns it (live, or trashed with includeDeleted); otherwise the right refusal. */
function requireOwnClip(viewer: ClipViewer, clipId: string, options: { includeDeleted?: boolean } = {}): LibraryClipRow {
  const row = clipData.getClipForViewer({ clipId, viewer, includeDeleted: options.includeDeleted });
  if (!row) throw notFound();
  if (row.ownerId !== viewer.id) throw ownerOnly();
  return row;
}

export function renameClip(viewer: ClipViewer, clipId: string, title: string): ClipDto {
  return updateClip(viewer, clipId, { title });
}

export function setClipVisibility(viewer: ClipViewer, clipId: string, visibility: Visibility): ClipDto {
  return updateClip(viewer, clipId, { visibility });
}

export function setClipStarred(viewer: ClipViewer, clipId: string, starred: boolean): ClipDto {
  return updateClip(viewer, clipId, { starred });
}

/** PATCH: title and visibility are the owner's; any viewer who can see the clip may star it. */
export function updateClip(viewer: ClipViewer, clipId: string, patch: ClipPatch): ClipDto {
  const changes = parseOrThrow(clipPatchSchema, patch);
  if (changes.title !== undefined || changes.visibility !== undefined) {
    requireOwnClip(viewer, clipId);
    if (changes.title !== undefined) clipData.renameClip({ clipId, ownerId: viewer.id, title: changes.title });
    if (changes.visibility !== undefined) clipData.setClipVisibility({ clipId, ownerId: viewer.id, visibility: changes.visibility });
  }
  if (changes.starred === true && !clipData.starClip({ clipId, userId: viewer.id })) throw notFound();
  if (changes.starred === false) {
    getClip(viewer, clipId);
    clipData.unstarClip({ clipId, userId: viewer.id });
  }
  return getClip(viewer, clipId);
}

/** Soft delete: the clip moves to its owner's trash and disappears from every list. */
export function deleteClip(viewer: ClipViewer, clipId: string): ClipDto {
  requireOwnClip(viewer, clipId);
  clipData.softDeleteClip({ clipId, ownerId: viewer.id });
  return getClip(viewer, clipId, { includeDeleted: true });
}

export function restoreClip(viewer: ClipViewer, clipId: string): ClipDto {
  const row = requireOwnClip(viewer, clipId, { includeDeleted: true });
  if (row.deletedAt) clipData.restoreClip({ clipId, ownerId: viewer.id });
  return getClip(viewer, clipId);
}

/** Removes a trashed clip for good, archived audio and cover included. */
export function purgeClip(viewer: ClipViewer, clipId: string): void {
  const row = requireOwnClip(viewer, clipId, { includeDeleted: true });
  if (!row.deletedAt) throw new AppError("conflict", "Move the clip to the trash before deleting it for good.", { key: "common.errors.clipNotInTrash" });
  if (clipData.purgeClip({ clipId, ownerId: viewer.id })) deleteClipMedia(clipId);
}

export function listLibraryMembers(): { id: string; name: string; disabled: boolean }[] {
  return clipData.listMembers();
}
