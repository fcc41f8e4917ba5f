import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/server/logger";

/** Turns any thrown value into the `{error: {code, message, details?}}` response. */
export function errorResponse(err: unknown): NextResponse {
  if (isAppError(err)) {
    const headers: Record<string, string> = {};
    if (err.retryAfter) headers["Retry-After"] = String(Math.ceil(err.retryAfter));
    return NextResponse.json(err.toJSON(), { status: err.status, headers });
  }
  logger.error("unhandled error in route handler", { err });
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server." } }, { status: 500 });
}

/** Wraps a route handler so every failure becomes a JSON error, never a stack trace. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

const MAX_BODY = 64 * 1024;

/** Reads a JSON body (≤ 64 KiB) and validates it; field problems come back as 400 details. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY) throw new AppError("payload_too_large", "The request body is larger than 64 KiB.");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY) throw new AppError("payload_too_large", "The request body is larger than 64 KiB.");
  let data: unknown;
  try {
    data = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return parseOrThrow(schema, data);
}

export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError("validation", "Some fields are not valid.", { details: fieldErrors(parsed.error) });
  }
  return parsed.data;
}

export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** SEC-7: a mutating request from a browser must come from our own origin. */
export function assertSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  if (!origin) return; // non-browser clients (curl, scripts with a bearer token) send none
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-origin requests are not allowed.");
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "Cross-origin requests are not allowed.");
}
