import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { fieldMessages, UNEXPECTED, type ActionState, type Message } from "@/lib/action-state";
import { isAppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { logger } from "@/lib/server/logger";

/** The submitted text fields, echoed back so a failed form keeps what was typed (never passwords). */
export function formValues(form: FormData, keep: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(form instanceof FormData)) return out; // a hand-made action call may send anything
  for (const key of keep) {
    const v = form.get(key);
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

/** Parses a form; a failure names each field's problems as keys in `group` (the schema's catalogue group). */
/**
 * A form's fields through a schema. Only the schema's own top-level fields are read:
 * forms also post framework fields (`$ACTION_*`) and hidden ones (the idempotency key)
 * that strict API schemas would refuse.
 */
export function parseForm<T extends z.ZodType>(schema: T, form: FormData, group: string): { data: z.infer<T> } | { errors: Record<string, Message[]> } {
  return parseRecord(schema, formRecord(schema, form), group);
}

/** The form's fields that are the schema's own top-level fields, as a plain object (see parseForm). */
export function formRecord(schema: z.ZodType, form: FormData): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const entries = form instanceof FormData ? [...form.entries()].filter(([name]) => !shape || name in shape) : [];
  return Object.fromEntries(entries);
}

/** parseForm for a record a form was turned into (fields nested by hand). */
export function parseRecord<T extends z.ZodType>(schema: T, record: Record<string, unknown>, group: string): { data: z.infer<T> } | { errors: Record<string, Message[]> } {
  const parsed = schema.safeParse(record);
  return parsed.success ? { data: parsed.data } : { errors: fieldMessages(group, fieldErrors(parsed.error)) };
}

function fieldDetails(details: unknown): Record<string, string[]> | undefined {
  if (!details || typeof details !== "object") return undefined;
  const entries = Object.values(details);
  return entries.length > 0 && entries.every((v) => Array.isArray(v) && v.every((k) => typeof k === "string")) ? (details as Record<string, string[]>) : undefined;
}

/**
 * The one translation of a failure inside a server action into what a form shows:
 * catalogue keys only, never `error.message`. Field details become field errors in
 * `fields` (the form's catalogue group); an AppError's own key becomes the form error,
 * else a sentence for its code; anything else is logged and shown as "unexpected".
 */
export function toActionState(err: unknown, options: { values?: Record<string, string>; fields?: string } = {}): ActionState {
  unstable_rethrow(err); // redirects and not-found signals are not failures
  const { values } = options;
  // A signed-out (or revoked) caller of an action is sent to sign in, like a page visit.
  if (isAppError(err) && err.code === "unauthorized") redirect("/login");
  if (isAppError(err)) {
    const fields = fieldDetails(err.details);
    if (fields && options.fields) return { fieldErrors: fieldMessages(options.fields, fields), values };
    if (err.key) return { formError: { key: err.key, params: err.params }, values };
    return { formError: { key: `common.errors.${err.code}` }, values };
  }
  logger.error("server action failed", { err });
  return { formError: UNEXPECTED, values };
}
