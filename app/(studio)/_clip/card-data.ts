import type { Track } from "@/app/_components/player/player-store";
import type { ClipDto, ClipSummaryDto } from "@/lib/dto";

// What a list row needs, and nothing more: lyrics and vendor URLs stay out of the
// page payload, which keeps a page of rows light to render and to ship (PERF-3/5).
export interface ClipCardData {
  id: string;
  title: string;
  style: string | null;
  model: string;
  duration: number | null;
  providerName: string;
  createdAt: string;
  starred: boolean;
  coverUrl: string | null;
  audioUrl: string | null;
  state: ClipDto["state"];
  visibility: ClipDto["visibility"];
  owner: { id: string; name: string };
  deletedAt: string | null;
  /** Peaks (0–255) for the row's small waveform and the player's seek bar; null draws none. */
  waveform: number[] | null;
}

export function toCardData(clip: ClipSummaryDto, providerNames: ReadonlyMap<string, string>): ClipCardData {
  return {
    id: clip.id,
    title: clip.title,
    style: clip.style,
    model: clip.model,
    // Whole seconds, cut like the player's clock (formatClock), so a 30.6 s song reads
    // 0:30 in the list and in the player; the player reads the exact length from the audio.
    duration: clip.duration === null ? null : Math.floor(clip.duration),
    providerName: providerNames.get(clip.providerId) ?? clip.providerId,
    createdAt: clip.createdAt,
    starred: clip.starred,
    coverUrl: clip.imageUrl,
    audioUrl: clip.audioUrl ?? clip.previewUrl,
    state: clip.state,
    visibility: clip.visibility,
    owner: clip.owner,
    deletedAt: clip.deletedAt,
    waveform: clip.waveform,
  };
}

/** Rows of a next page appended to a list; a clip created between pages can shift rows, so none shows twice. */
export function appendPage(rows: ClipCardData[], page: ClipCardData[]): ClipCardData[] {
  const seen = new Set(rows.map((c) => c.id));
  return [...rows, ...page.filter((c) => !seen.has(c.id))];
}

/**
 * A list after a refresh brought a new first page (a song in flight finished, say).
 * Until "Load more" was used the list is just that page; after, the rows it added
 * stay below the fresh ones.
 */
export function withFreshFirstPage(rows: ClipCardData[], fresh: ClipCardData[], loadedMore: boolean): ClipCardData[] {
  return loadedMore ? appendPage(fresh, rows) : fresh;
}

/** The playable rows of a list, as a player queue in list order. */
export function toTracks(items: ClipCardData[], untitled: string): Track[] {
  return items
    .filter((c) => c.audioUrl && !c.deletedAt)
    .map((c) => ({
      id: c.id,
      title: c.title.trim() || untitled,
      artist: c.owner.name,
      audioUrl: c.audioUrl!,
      coverUrl: c.coverUrl,
      href: `/clips/${c.id}`,
      duration: c.duration,
      waveform: c.waveform,
    }));
}
