import { MODEL_LIMITS, type ClipModel, type ModelId } from "@/lib/models";
import { VendorError, type ModelInfo } from "./types";

// Model names as data (REFERENCE §B.4). Relays add aliases all the time, so adding one
// is a one-line change to a table below, never a code change.

export type WireProtocol = "newapi" | "nengyongai" | "sunohub";

/**
 * The models each protocol offers, in menu order; the first is the default.
 * The default is the newest model the vendor's *own* doc page confirms (newapi and
 * nengyongai: chirp-v4; sunohub: chirp-v4-5). Newer names are only documented for
 * the relay family, and a reseller that rejects its default would make every first
 * song fail. The rest follow newest first.
 */
export const OFFERED_MODELS: Record<WireProtocol, ReadonlyArray<readonly [ModelId, string]>> = {
  newapi: [
    ["v4", "chirp-v4"],
    ["v5", "chirp-crow"],
    ["v4.5+", "chirp-bluejay"],
    ["v4.5", "chirp-auk"],
    ["v3.5", "chirp-v3-5"],
  ],
  // v4.5 as chirp-auk is inferred from the bltcy template that nengyongai follows.
  nengyongai: [
    ["v4", "chirp-v4"],
    ["v4.5", "chirp-auk"],
    ["v3.5", "chirp-v3-5"],
  ],
  sunohub: [
    ["v4.5", "chirp-v4-5"],
    ["v5.5", "chirp-v5-5"],
    ["v5", "chirp-v5"],
    ["v4.5+", "chirp-v4-5-plus"],
    ["v4", "chirp-v4"],
    ["v3.5", "chirp-v3-5"],
  ],
};

/** Names seen in responses (`model_name`, `mv`, `model`), across all vendors. */
export const RESPONSE_MODEL_NAMES: Record<string, ClipModel> = {
  "chirp-v3": "v3",
  "chirp-v3-0": "v3",
  "chirp-v3-5": "v3.5",
  "chirp-v3.5": "v3.5",
  "chirp-v4": "v4",
  "chirp-auk": "v4.5",
  "chirp-v4-5": "v4.5",
  "chirp-v4.5": "v4.5",
  "chirp-bluejay": "v4.5+",
  "chirp-v4-5-plus": "v4.5+",
  "chirp-auk-turbo": "v4.5-all",
  "chirp-crow": "v5",
  "chirp-v5": "v5",
  "chirp-v5-5": "v5.5",
  "chirp-v5.5": "v5.5",
  "chirp-v6": "v6",
  "chirp-v6-wild": "v6",
  "chirp-v6-mini": "v6",
};

/** Suno's own `major_model_version`; it disambiguates `chirp-v3` (v3 or v3.5). */
export const MAJOR_MODEL_VERSIONS: Record<string, ClipModel> = {
  v3: "v3",
  "v3.5": "v3.5",
  v4: "v4",
  "v4.5": "v4.5",
  "v4.5+": "v4.5+",
  "v4.5-all": "v4.5-all",
  v5: "v5",
  "v5.5": "v5.5",
  v6: "v6",
};

/** Persona and upload variants (`chirp-v4-tau`, `chirp-auk-upload`) are the base model. */
const VARIANT_SUFFIXES = ["-tau", "-upload"];

export function modelsFor(protocol: WireProtocol): ModelInfo[] {
  return OFFERED_MODELS[protocol].map(([id, vendorModel]) => ({ id, vendorModel, limits: MODEL_LIMITS[id] }));
}

/** The wire name for a normalised model; refuses models the protocol does not offer. */
export function vendorModelFor(protocol: WireProtocol, model: ModelId): string {
  const hit = OFFERED_MODELS[protocol].find(([id]) => id === model);
  if (!hit) throw new VendorError("bad_request", `Model ${model} is not offered by this provider.`);
  return hit[1];
}

export function clipModelFromVendor(name: string | null | undefined, majorVersion?: string | null): ClipModel {
  const lower = name?.trim().toLowerCase() ?? "";
  if (lower.includes("-stem")) return "unknown";
  const major = majorVersion ? MAJOR_MODEL_VERSIONS[majorVersion.trim().toLowerCase()] : undefined;
  if (major) return major;
  const suffix = VARIANT_SUFFIXES.find((s) => lower.endsWith(s));
  const base = suffix ? lower.slice(0, -suffix.length) : lower;
  return RESPONSE_MODEL_NAMES[base] ?? "unknown";
}
