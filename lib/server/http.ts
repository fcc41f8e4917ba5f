import { NextResponse } from "next/server";
import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/server/logger";
import { parseOrThrow } from "@/lib/validation";

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

/** The largest body any JSON endpoint, the sign-in form or a callback may send (DESIGN: ≤ 64 KiB). */
export const MAX_BODY = 64 * 1024;

function tooLarge(limit: number) {
  return new AppError("payload_too_large", `The request body is larger than ${Math.floor(limit / 1024)} KiB.`);
}

/**
 * Reads a body of at most `limit` bytes (SEC-13). A larger Content-Length is refused
 * before a byte is read, and a chunked body is cut off the moment it passes the limit,
 * so a hostile upload costs at most `limit` bytes of memory whatever it claims.
 */
export async function readBodyLimited(req: Request, limit = MAX_BODY): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Reads a JSON body (≤ 64 KiB) as a plain value, for routes that pick the schema by its content. */
export async function readJsonValue(req: Request): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyLimited(req));
  try {
    return text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** 202 `{task}` for anything a vendor does asynchronously; a vendor that refused before giving a task id is a 502 carrying the task. */
export function acceptedTask({ task, rejected }: { task: { error: { message: string } | null }; rejected: boolean }): Response {
  if (rejected) throw new AppError("vendor_error", task.error?.message ?? "The vendor refused the request.", { details: { task } });
  return NextResponse.json({ task }, { status: 202 });
}

/** Reads a JSON body (≤ 64 KiB) and validates it; field problems come back as 400 details. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  return parseOrThrow(schema, await readJsonValue(req));
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

/**
 * The origin absolute links are written with (Open Graph tags, share embeds, oEmbed): APP_URL when
 * set, else the request's own host (the proxy's scheme only when TRUST_PROXY trusts it).
 */
export function publicOrigin(headers: Headers): string {
  const { APP_URL, TRUST_PROXY } = env();
  if (APP_URL) return APP_URL;
  const trusted = TRUST_PROXY.hops > 0 || TRUST_PROXY.addresses.length > 0;
  const proto = trusted ? (headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http") : "http";
  const host = (trusted ? headers.get("x-forwarded-host") : null) ?? headers.get("host") ?? "localhost";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
