// The domain's vocabularies, defined once: the database schema, the zod schemas, the
// DTOs and the UI all take their lists and types from here. Isomorphic and secret-free.

export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking: the signed-in user as every layer sees it. Functions that need less
 * take a Pick of it (`Pick<Viewer, "id">`), so a caller's whole viewer always fits.
 */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
}

export const PROTOCOLS = ["newapi", "nengyongai", "sunohub", "demo"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const TASK_KINDS = ["music", "lyrics", "extend", "cover", "concat", "stems", "wav", "video", "upload", "persona"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** Kinds whose task makes new clips (the rest make lyrics, a file for an existing clip, or a persona). */
export const SONG_TASK_KINDS = ["music", "extend", "cover", "concat", "stems"] as const satisfies readonly TaskKind[];

/**
 * What a provider can do besides generating a song and writing lyrics (DESIGN "Round 2
 * contracts"). Each adapter declares the ones its protocol offers; `GET /api/v1/providers`
 * lists the ones switched on, and the UI offers only those.
 */
export const CAPABILITIES = ["extend", "cover", "concat", "stems", "wav", "video", "timedLyrics", "upload", "persona"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const TASK_STATUSES = ["submitting", "queued", "running", "succeeded", "failed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A task is open until the vendor's answer is final. */
export const OPEN_TASK_STATUSES = ["submitting", "queued", "running"] as const satisfies readonly TaskStatus[];
export const TERMINAL_TASK_STATUSES = ["succeeded", "failed"] as const satisfies readonly TaskStatus[];

export const CLIP_STATES = ["queued", "running", "streaming", "succeeded", "failed"] as const;
export type ClipState = (typeof CLIP_STATES)[number];

export const VISIBILITIES = ["team", "private"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Emails are compared and stored trimmed and lower-cased, everywhere. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
