import { z } from "zod";
import { CAPABILITIES } from "@/lib/domain";

// Admin provider forms. Messages are catalogue keys (providers.errors.*), so the same
// schema serves both languages. Isomorphic and secret-free.

export const EDITABLE_PROTOCOLS = ["newapi", "nengyongai", "sunohub"] as const;

export const KEY_MAX = 500;

const nameField = z.string().trim().min(1, "nameRequired").max(80, "nameTooLong");

const protocolField = z.enum(EDITABLE_PROTOCOLS, "protocolInvalid");

/** Paths are appended to the base URL, so credentials, queries and fragments have no place in it. */
export const baseUrlField = z
  .string()
  .trim()
  .min(1, "baseUrlRequired")
  .max(500, "baseUrlInvalid")
  .refine((value) => {
    if (value === "") return true; // already reported as baseUrlRequired
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, "baseUrlInvalid")
  .transform((value) => value.replace(/\/+$/, ""));

// Keys travel in an Authorization header: one line, no spaces.
const keyText = z.string().trim().max(KEY_MAX, "keyTooLong").regex(/^\S*$/, "keyInvalid");

export const createProviderSchema = z.object({
  name: nameField,
  protocol: protocolField,
  baseUrl: baseUrlField,
  apiKey: keyText.pipe(z.string().min(1, "keyRequired")),
});
export type CreateProviderInput = z.infer<typeof createProviderSchema>;

/** A blank key keeps the stored one. */
export const updateProviderSchema = z.object({
  name: nameField,
  protocol: protocolField,
  baseUrl: baseUrlField,
  apiKey: keyText.transform((v) => (v === "" ? undefined : v)).optional(),
});
export type UpdateProviderInput = z.infer<typeof updateProviderSchema>;

export type ConnectionOutcome = "accepted" | "rejected" | "unreachable" | "error";

/** What Test connection found; `detail` is the vendor's own words with the key removed. */
export interface ConnectionReport {
  outcome: ConnectionOutcome;
  detail: string | null;
}

export const providerIdSchema = z.string().trim().min(1).max(64);

/** The admin's switches for a provider's unconfirmed operations: checkbox names are capabilities. */
export const setCapabilitiesSchema = z.object({
  id: providerIdSchema,
  capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length).default([]),
});

export const setEnabledSchema = z.object({
  id: providerIdSchema,
  enabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
