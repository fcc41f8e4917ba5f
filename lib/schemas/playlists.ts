import { z } from "zod";
import { VISIBILITIES } from "@/lib/domain";

// The playlists API bodies and query, shared by the route handlers and the forms.
// Messages are catalogue keys (playlists.errors.*), as the forms show them.

export const PLAYLIST_NAME_MAX = 100;
export const PLAYLIST_DESCRIPTION_MAX = 1000;
export const PLAYLIST_PAGE_DEFAULT = 50;
export const PLAYLIST_PAGE_MAX = 100;

const name = z.string("nameRequired").trim().min(1, "nameRequired").max(PLAYLIST_NAME_MAX, "nameTooLong");
// Blank clears it.
const description = z
  .string("descriptionInvalid")
  .trim()
  .max(PLAYLIST_DESCRIPTION_MAX, "descriptionTooLong")
  .transform((v) => v || null);
const visibility = z.enum(VISIBILITIES, "visibilityInvalid");
const clipId = z.string("clipIdInvalid").min(1, "clipIdInvalid").max(64, "clipIdInvalid");

export const playlistCreateSchema = z.strictObject({ name, description: description.nullable().optional(), visibility });

export const playlistPatchSchema = z.strictObject({ name: name.optional(), description: description.nullable().optional(), visibility: visibility.optional() });

export const playlistItemAddSchema = z.strictObject({
  clipId,
  position: z.number("positionInvalid").int("positionInvalid").min(0, "positionInvalid").optional().describe("0-based; absent or past the end: appended"),
});

export const playlistReorderSchema = z.strictObject({
  clipIds: z.array(clipId, "clipIdsInvalid").max(1000, "clipIdsInvalid").describe("Every item you see, in the new order"),
});

export const playlistListQueryObject = z.object({
  scope: z.enum(["mine", "team"]).optional().describe("mine (default): your playlists; team: every member's team playlists, yours included"),
  cursor: z.string().max(200).optional().describe("nextCursor from the previous page"),
  limit: z.coerce.number().int().min(1).max(PLAYLIST_PAGE_MAX).optional().describe(`Page size, default ${PLAYLIST_PAGE_DEFAULT}`),
});

export const playlistListQuerySchema = playlistListQueryObject.transform((v) => ({ ...v, scope: v.scope ?? "mine", limit: v.limit ?? PLAYLIST_PAGE_DEFAULT }));

/** The create and edit forms: the same fields as the API, from FormData. */
export const playlistFormSchema = z.object({ name, description: description.optional(), visibility });
