import { z } from "zod";
import { CLIP_STATES, VISIBILITIES } from "@/lib/domain";

// The clips API query and PATCH body. Isomorphic: /library, /team and /members/<id>
// parse their searchParams with the same schema the JSON API uses, so a bookmarked
// filtered view and an API call mean the same thing. `searchParamsRecord` drops
// blank values (an empty form field), so they count as absent.

// Twenty rows fill about a screen and a half; "Load more" brings the next twenty.
// Every row costs render time on each page view, so the first page stays short (PERF-3).
export const CLIP_PAGE_DEFAULT = 20;
export const CLIP_PAGE_MAX = 100;
export const CLIP_TITLE_MAX = 100;
export const CLIP_QUERY_MAX = 200;

const boolParam = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "on"])]).transform((v) => v === true || v === "true" || v === "1" || v === "on");

// `YYYY-MM-DD` (a whole UTC day) or a full ISO timestamp.
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const clipListQueryObject = z.object({
  scope: z.enum(["mine", "team"]).optional().describe("mine (default): your clips; team: every member's team-visible clips"),
  view: z.enum(["trash"]).optional().describe("trash: your soft-deleted clips (scope mine only)"),
  member: z.string().trim().max(64).optional().describe("Only this member's team-visible clips (user id)"),
  q: z.string().trim().max(CLIP_QUERY_MAX).optional().describe("Search title, lyrics, style and prompt; any language, any length"),
  status: z.enum(CLIP_STATES).optional(),
  model: z.string().trim().max(32).optional().describe("Normalised model name, e.g. v4.5+"),
  provider: z.string().trim().max(64).optional().describe("Provider id"),
  starred: boolParam.optional().describe("Only clips you starred"),
  from: dayOrInstant.optional().describe("Created at or after (YYYY-MM-DD is a UTC day)"),
  to: dayOrInstant.optional().describe("Created at or before (YYYY-MM-DD includes that whole UTC day)"),
  cursor: z.string().max(200).optional().describe("nextCursor from the previous page"),
  limit: z.coerce.number().int().min(1).max(CLIP_PAGE_MAX).optional().describe(`Page size, default ${CLIP_PAGE_DEFAULT}`),
});

export const clipListQuerySchema = clipListQueryObject.transform((v) => ({
  ...v,
  scope: v.scope ?? "mine",
  limit: v.limit ?? CLIP_PAGE_DEFAULT,
}));

export type ClipListQuery = z.output<typeof clipListQuerySchema>;
export type ClipListQueryInput = z.input<typeof clipListQuerySchema>;

/** Turns URLSearchParams (or Next's searchParams object) into a plain record for the schema; the first value wins. */
export function searchParamsRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "" && !(key in out)) out[key] = first;
  }
  return out;
}

/** The instant a `from`/`to` value stands for: `to` as a bare day means the end of that day. */
export function rangeBound(value: string | undefined, edge: "from" | "to"): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    return new Date(edge === "from" ? start : start + 86_400_000 - 1);
  }
  return new Date(value);
}

export const clipPatchSchema = z.strictObject({
  title: z.string().trim().min(1, "titleRequired").max(CLIP_TITLE_MAX, "titleTooLong").optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  starred: z.boolean().optional(),
});
export type ClipPatch = z.infer<typeof clipPatchSchema>;

export const clipIdParamSchema = z.string().min(1).max(64);

export const clipDeleteQuerySchema = z.object({
  permanent: boolParam.optional().describe("Purge a clip already in the trash, archived media included"),
});
