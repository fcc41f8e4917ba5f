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

export const extendSchema = z.object({
  clipId: z.string().trim().min(1, "clipRequired").max(64, "clipRequired"),
  /** Seconds into the source clip; defaults to its end. */
  continueAt: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number("continueAtInvalid").min(0, "continueAtInvalid").max(3600, "continueAtInvalid").optional(),
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
  };
}

type Fields = z.infer<z.ZodObject<ReturnType<typeof fieldsFor>>>;

/** What each mode needs: a description to be inspired by, or lyrics (style for instrumentals). */
function requireModeFields(v: Fields, ctx: z.RefinementCtx) {
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

export function generationSchemaFor(limits: ModelLimits) {
  return z.object(fieldsFor(limits)).superRefine(requireModeFields);
}

/** `POST /api/v1/generations` body, before the model's own limits are known. */
export const generationBodySchema = generationSchemaFor(widest);
export type GenerationInput = z.infer<typeof generationBodySchema>;

/** `POST /api/v1/lyrics` body. */
export const lyricsBodySchema = z.object({
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
  extend?: { clipId: string; continueAt: number };
}

export interface LyricsRequest {
  prompt: string;
}

export type StoredRequest = MusicRequest | LyricsRequest;

/** The API takes the key as a header; `parseOrThrow` reports a bad one under this name. */
export const idempotencyHeaderSchema = z.object({ "Idempotency-Key": idempotencyKeySchema.optional() });
