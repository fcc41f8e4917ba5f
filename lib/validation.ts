import type { z } from "zod";
import { AppError } from "@/lib/errors";

// Validation that services, route handlers and server actions share. Kept apart from
// the HTTP helpers (which import next/server) so services stay free of the framework.

/** Parses or throws AppError("validation") with field → messages details (a 400 in the API, field errors in forms). */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError("validation", "Some fields are not valid.", { details: fieldErrors(parsed.error) });
  }
  return parsed.data;
}

/**
 * A zod error as field path → messages ("_" for the whole value). A field the schema
 * does not know is reported under its own name as `unknownField`, so a client sees
 * which one to remove.
 */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const name of issue.keys) (out[[...issue.path, name].join(".")] ??= []).push("unknownField");
      continue;
    }
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
