import { z } from "zod";
import { MODEL_IDS, MODEL_LIMITS, type ModelId, type ModelLimits } from "@/lib/models";

// Generation and lyrics requests, shared by the create form, the JSON API and the
// OpenAPI document. Messages are catalogue keys (generate.errors.*). Two stages:
// `generationBodySchema` checks the shape against the widest limits any model has;
// `generationSchemaFor(limits)` then holds the request to the chosen model's limits,
// which are only known once the provider (and its default model) is resolved.

const widest: ModelLimits = {
  description: Math.max(...Object.values(MODEL_LIMITS).map((l) => l.description)),
  lyrics: Math.max(...Object.values(MODEL_LIMITS).map((l) => l.lyrics)),
  style: Math.max(...Object.values(MODEL_LIMITS).map((l) => l.style)),
  title: Math.max(...Object.values(MODEL_LIMITS).map((l) => l.title)),
};

/** Blank strings mean "not given": forms post every field. */
const optionalText = (max: number, tooLong: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, tooLong).optional());

/** Form checkboxes post "on"; JSON sends booleans. */
const flag = z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" || v === "" ? false : v), z.boolean().default(false));

const entityId = (key: string) => z.string(key).trim().min(1, key).max(64, key);
const optionalEntityId = (key: string) => z.preprocess((v) => (v === "" || v === null ? undefined : v), entityId(key).optional());

/** Continue a clip or an upload: exactly one of `clipId` and `uploadId`. */
export const extendSchema = z
  .strictObject({
    clipId: optionalEntityId("clipRequired"),
    uploadId: optionalEntityId("uploadRequired"),
    /** Seconds into the source; defaults to its end. */
    continueAt: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce.number("continueAtInvalid").min(0, "continueAtInvalid").max(3600, "continueAtInvalid").optional(),
    ),
  })
  .refine((v) => Boolean(v.clipId) !== Boolean(v.uploadId), { message: "clipRequired", path: ["clipId"] });

/** A new arrangement of a clip or an upload: exactly one of the two. */
export const coverSchema = z
  .strictObject({ clipId: optionalEntityId("clipRequired"), uploadId: optionalEntityId("uploadRequired") })
  .refine((v) => Boolean(v.clipId) !== Boolean(v.uploadId), { message: "clipRequired", path: ["clipId"] });

/** The whole song from the last extension of a chain. */
export const concatSchema = z.strictObject({ clipId: entityId("clipRequired") });

/** The sunohub protocol's knobs (0–100 sliders; vocal gender f/m). */
export const advancedSchema = z.strictObject({
  vocalGender: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["f", "m"], "vocalGenderInvalid").optional()),
  weirdness: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number("advancedInvalid").int("advancedInvalid").min(0, "advancedInvalid").max(100, "advancedInvalid").optional(),
  ),
  styleInfluence: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number("advancedInvalid").int("advancedInvalid").min(0, "advancedInvalid").max(100, "advancedInvalid").optional(),
  ),
});

function fieldsFor(limits: ModelLimits) {
  return {
    provider: z.string("providerInvalid").trim().min(1, "providerInvalid").max(64, "providerInvalid").optional(),
    mode: z.enum(["inspiration", "custom"], "modeInvalid").default("inspiration"),
    description: optionalText(limits.description, "descriptionTooLong"),
    lyrics: optionalText(limits.lyrics, "lyricsTooLong"),
    title: optionalText(limits.title, "titleTooLong"),
    style: optionalText(limits.style, "styleTooLong"),
    negativeStyle: optionalText(limits.style, "negativeStyleTooLong"),
    instrumental: flag,
    model: z.enum(MODEL_IDS, "modelInvalid").optional(),
    extend: extendSchema.optional(),
    cover: coverSchema.optional(),
    personaId: optionalEntityId("personaInvalid"),
    advanced: advancedSchema.optional(),
  };
}

type Fields = z.infer<z.ZodObject<ReturnType<typeof fieldsFor>>>;

/** What each mode needs: a description to be inspired by, or lyrics (style for instrumentals). */
function requireModeFields(v: Fields, ctx: z.RefinementCtx) {
  if (v.extend && v.cover) ctx.addIssue({ code: "custom", path: ["cover"], message: "extendOrCover" });
  if (v.extend) return; // an extension may continue with the source clip's words and style
  if (v.mode === "inspiration" && !v.description) {
    ctx.addIssue({ code: "custom", path: ["description"], message: "descriptionRequired" });
  }
  if (v.mode === "custom" && !v.instrumental && !v.lyrics) {
    ctx.addIssue({ code: "custom", path: ["lyrics"], message: "lyricsRequired" });
  }
  if (v.mode === "custom" && v.instrumental && !v.style) {
    ctx.addIssue({ code: "custom", path: ["style"], message: "styleRequired" });
  }
}

/**
 * Unknown fields are refused: a misspelt or unsupported operation (`{"action":"concat"}`)
 * must never fall through to a paid ordinary generation.
 */
export function generationSchemaFor(limits: ModelLimits) {
  return z.strictObject(fieldsFor(limits)).superRefine(requireModeFields);
}

/** `POST /api/v1/generations` body for a song, before the model's own limits are known. */
export const generationBodySchema = generationSchemaFor(widest);
export type GenerationInput = z.infer<typeof generationBodySchema>;

/** `{provider?, concat}`: a complete body of its own, no mode. */
export const concatBodySchema = z.strictObject({
  provider: z.string("providerInvalid").trim().min(1, "providerInvalid").max(64, "providerInvalid").optional(),
  concat: concatSchema,
});
export type ConcatInput = z.infer<typeof concatBodySchema>;

/** `POST /api/v1/uploads` as JSON: a web address the app fetches. */
export const uploadUrlSchema = z.strictObject({ url: z.string("uploadUrlInvalid").trim().min(1, "uploadUrlInvalid").max(2048, "uploadUrlInvalid") });

/** `POST /api/v1/personas`. */
export const personaBodySchema = z.strictObject({
  clipId: entityId("clipRequired"),
  name: z.string("personaNameRequired").trim().min(1, "personaNameRequired").max(60, "personaNameTooLong"),
  description: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(500, "personaDescriptionTooLong").optional()),
});
export type PersonaInput = z.infer<typeof personaBodySchema>;

/** `POST /api/v1/lyrics` body. */
export const lyricsBodySchema = z.strictObject({
  provider: z.string("providerInvalid").trim().min(1, "providerInvalid").max(64, "providerInvalid").optional(),
  prompt: z.string("promptRequired").trim().min(1, "promptRequired").max(widest.description, "promptTooLong"),
});
export type LyricsInput = z.infer<typeof lyricsBodySchema>;

/** The `Idempotency-Key` header, or the create form's hidden field. */
export const idempotencyKeySchema = z
  .string("idempotencyKeyInvalid")
  .trim()
  .min(1, "idempotencyKeyInvalid")
  .max(200, "idempotencyKeyInvalid")
  .regex(/^[\x21-\x7e]+$/, "idempotencyKeyInvalid");

/** The normalised request kept on the task row (tasks.request). */
export interface MusicRequest {
  mode: "inspiration" | "custom";
  description?: string;
  lyrics?: string;
  title?: string;
  style?: string;
  negativeStyle?: string;
  instrumental: boolean;
  model: ModelId;
  extend?: { clipId: string; continueAt: number } | { uploadId: string; continueAt: number };
  cover?: { clipId: string } | { uploadId: string };
  personaId?: string;
  advanced?: { vocalGender?: "f" | "m"; weirdness?: number; styleInfluence?: number };
}

/** Operations on one clip (concat, stems, wav, video): the clip asked about. */
export interface ClipOperationRequest {
  clipId: string;
  /** Whole song: the chain it joins, oldest first, fixed when asked for. */
  segments?: string[];
}

export interface PersonaRequest {
  clipId: string;
  name: string;
  description?: string;
}

export interface LyricsRequest {
  prompt: string;
}

export type StoredRequest = MusicRequest | LyricsRequest | ClipOperationRequest | PersonaRequest;

/** The API takes the key as a header; `parseOrThrow` reports a bad one under this name. */
export const idempotencyHeaderSchema = z.object({ "Idempotency-Key": idempotencyKeySchema.optional() });
