// Normalised Suno model names and their input limits (REFERENCE §A3.2, DESIGN "Limits").
// Isomorphic: the create form uses the same numbers for its live counters.

export const MODEL_IDS = ["v3.5", "v4", "v4.5", "v4.5+", "v5", "v5.5"] as const;
export type ModelId = (typeof MODEL_IDS)[number];
export type ClipModel = ModelId | "v3" | "v4.5-all" | "v6" | "unknown";

export interface ModelLimits {
  description: number;
  lyrics: number;
  style: number;
  title: number;
}

const classic: ModelLimits = { description: 500, lyrics: 3000, style: 200, title: 100 };
const modern: ModelLimits = { description: 500, lyrics: 5000, style: 1000, title: 100 };

export const MODEL_LIMITS: Record<ModelId, ModelLimits> = {
  "v3.5": classic,
  v4: classic,
  "v4.5": modern,
  "v4.5+": modern,
  v5: modern,
  "v5.5": modern,
};

export function isModelId(value: unknown): value is ModelId {
  return typeof value === "string" && (MODEL_IDS as readonly string[]).includes(value);
}
