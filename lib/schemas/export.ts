import { z } from "zod";

// GET /api/v1/export's query. Strict, so a parameter this server does not know yet is
// answered 400 naming it rather than silently exporting something else.

export const EXPORT_SCOPES = ["mine", "starred"] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export const exportIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -");

export const exportQuerySchema = z
  .object({
    scope: z.enum(EXPORT_SCOPES).default("mine").describe("mine (default): your songs, not those in the trash; starred: the songs you starred that you may still see"),
    playlist: z.string().min(1).max(64).optional().describe("A playlist's id: its songs you may see, in its order, album = its name (instead of scope)"),
    progress: exportIdSchema.optional().describe("An id of your choosing (8–64 of A–Z a–z 0–9 _ -) to follow this export at /api/v1/export/progress/{id}"),
  })
  .strict()
  .refine((q) => !(q.playlist && q.scope !== "mine"), { path: ["scope"], message: "Give either scope or playlist, not both" });
