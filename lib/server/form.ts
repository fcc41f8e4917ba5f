import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isAppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { logger } from "@/lib/server/logger";

export type ActionState = {
  ok?: boolean;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  values?: Record<string, string>;
  message?: string;
};

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

export function parseForm<T extends z.ZodType>(schema: T, form: FormData): { data: z.infer<T> } | { errors: Record<string, string[]> } {
  const parsed = schema.safeParse(form instanceof FormData ? Object.fromEntries(form.entries()) : {});
  return parsed.success ? { data: parsed.data } : { errors: fieldErrors(parsed.error) };
}

/**
 * Turns a failure inside a server action into form state: AppErrors keep their
 * field details, anything else is logged and shown as a generic message.
 */
export function actionError(err: unknown, values?: Record<string, string>): ActionState {
  unstable_rethrow(err); // redirects and not-found signals are not failures
  // A signed-out (or revoked) caller of an action is sent to sign in, like a page visit.
  if (isAppError(err) && err.code === "unauthorized") redirect("/login");
  if (isAppError(err)) {
    const details = err.details as Record<string, unknown> | undefined;
    const fields = details && Object.values(details).every(Array.isArray) ? (details as Record<string, string[]>) : undefined;
    return { fieldErrors: fields, formError: fields ? undefined : err.message, values };
  }
  logger.error("server action failed", { err });
  return { formError: "unexpected", values };
}
