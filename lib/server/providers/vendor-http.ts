import type { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/server/logger";
import { observeVendorCall } from "@/lib/server/metrics";
import { PrivateAddressError } from "./destination";
import { codeForStatus, vendorMessageOf } from "./error-map";
import { VendorError, type ConnectionTest } from "./types";
import { AnswerTooLargeError, exchange, type ExchangeResult } from "./vendor-transport";

// The one way adapters talk HTTP. Every call has a deadline, every answer is read as
// text and zod-checked, every failure becomes a VendorError, and nothing is ever
// retried here: a submit must never be repeated blindly (REL-4/REL-5), so the poller
// and the services decide what to do with a retryable error. The key goes only to
// the provider's own origin, never to a private address unless the operator allowed
// its host (PROVIDER_ALLOWED_HOSTS), and never after a redirect (SEC-15).

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Per-adapter knobs; tests shorten them, production keeps the defaults. */
export interface AdapterOptions {
  /** Fetch and test calls. Default 30 s. */
  timeoutMs?: number;
  /** Submit calls; vendors may block while generating. Default depends on the protocol. */
  submitTimeoutMs?: number;
}

/** Answers null for a success body, or the VendorError the body describes. */
export type ErrorClassifier = (status: number, body: unknown) => VendorError | null;

export interface VendorRequest<S extends z.ZodType> {
  method: "GET" | "POST";
  path: string;
  /**
   * What the call does, for the metrics (songloft_vendor_request_duration_seconds).
   * Defaults to the path, so a path that carries an id must name its operation:
   * one label value per task id would grow the metrics without bound.
   */
  operation?: string;
  body?: unknown;
  timeoutMs: number;
  schema: S;
}

export interface VendorResponse<T> {
  data: T;
  /** The parsed body before schema transforms, with the key scrubbed: for `raw` fields. */
  raw: unknown;
}

export interface VendorHttp {
  request<S extends z.ZodType>(req: VendorRequest<S>): Promise<VendorResponse<z.output<S>>>;
}

/** `provider` is the provider's id: every call is timed and every failure counted under it (songloft_vendor_*). */
export function createVendorHttp(config: { provider: string; baseUrl: string; apiKey: string; classify: ErrorClassifier }): VendorHttp {
  const base = config.baseUrl.replace(/\/+$/, "");
  const scrub = keyScrubber(config.apiKey);
  const codeOf = (err: unknown) => (err instanceof VendorError ? err.code : "internal");

  return {
    request: (req) => observeVendorCall({ provider: config.provider, operation: req.operation ?? req.path }, () => exchangeAndRead(req), codeOf),
  };

  async function exchangeAndRead<S extends z.ZodType>(req: VendorRequest<S>): Promise<VendorResponse<z.output<S>>> {
    const res = await send(`${base}${req.path}`, req, config.apiKey, scrub);
    const body = parseJson(res.body, res.status, scrub);

    const said = vendorMessageOf(body);
    if (res.status === 429) {
      throw new VendorError("rate_limited", said ?? "The vendor is rate limiting requests.", {
        fromVendor: said !== undefined,
        httpStatus: 429,
        retryAfter: parseRetryAfter(res.header("retry-after")),
        raw: body,
      });
    }
    const classified = config.classify(res.status, body);
    if (classified) throw classified;
    if (res.status >= 300) {
      throw new VendorError(codeForStatus(res.status), said ?? `The vendor answered HTTP ${res.status}.`, {
        fromVendor: said !== undefined,
        httpStatus: res.status,
        raw: body,
      });
    }
    const parsed = req.schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ");
      logger.warn("vendor answer has an unexpected shape", { path: req.path, issues: where });
      throw new VendorError("bad_response", `The vendor's answer has an unexpected shape (${where}).`, { httpStatus: res.status, raw: body });
    }
    return { data: parsed.data, raw: body };
  }
}

async function send(url: string, req: VendorRequest<z.ZodType>, apiKey: string, scrub: (s: string) => string): Promise<ExchangeResult> {
  const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: "application/json" };
  if (req.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const res = await exchange({
      method: req.method,
      url,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
      allowedPrivateHosts: env().PROVIDER_ALLOWED_HOSTS,
    });
    // A redirect would turn a POST into a GET or carry the key elsewhere; better to say so plainly.
    if (res.status >= 300 && res.status < 400) {
      const to = scrub(res.header("location") ?? "elsewhere");
      throw new VendorError("bad_response", `The vendor redirected to ${to}; check the base URL.`, { httpStatus: res.status });
    }
    return res;
  } catch (err) {
    throw transportError(err, req.timeoutMs, scrub);
  }
}

/** Timeouts and network failures; the cause is reduced to its code so no request detail leaks. */
function transportError(err: unknown, timeoutMs: number, scrub: (s: string) => string): VendorError {
  if (err instanceof VendorError) return err;
  if (err instanceof AnswerTooLargeError) return new VendorError("bad_response", err.message);
  if (err instanceof PrivateAddressError) return new VendorError("vendor_unavailable", `Refused to contact the vendor: ${err.message}.`);
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new VendorError("timeout", `The vendor did not answer after ${Math.round(timeoutMs / 100) / 10} s.`);
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = typeof code === "string" ? code : err instanceof Error ? scrub(err.message) : "network error";
  return new VendorError("vendor_unavailable", `Could not reach the vendor (${detail}).`);
}

function parseJson(text: string, status: number, scrub: (s: string) => string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") {
    if (status === 429) return undefined;
    throw new VendorError("bad_response", `The vendor sent an empty answer (HTTP ${status}).`, { httpStatus: status });
  }
  try {
    return scrubDeep(JSON.parse(trimmed), scrub);
  } catch {
    if (status === 429) return undefined;
    const kind = /^<(!doctype|html|head|body|\?xml)/i.test(trimmed) ? "an HTML page" : "malformed JSON";
    throw new VendorError("bad_response", `The vendor sent ${kind} instead of JSON (HTTP ${status}).`, { httpStatus: status });
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Vendors echo things back (new-api prints a masked token; a broken one might print it
 * whole). Every string we keep from an answer passes through this. new-api strips an
 * optional `sk-`, so the bare form is scrubbed too.
 */
export function keyScrubber(apiKey: string): (text: string) => string {
  const forms = [apiKey, apiKey.replace(/^sk-/, "")].filter((f) => f.length >= 4);
  return (text) => forms.reduce((out, form) => out.split(form).join("***"), text);
}

function scrubDeep(value: unknown, scrub: (s: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubDeep(v, scrub)]));
  }
  return value;
}

/**
 * testConnection for every protocol: one cheap authenticated call. A refused key is
 * "rejected"; a vendor we cannot reach or that is down is "unreachable"; an answer
 * that got past authentication (even a 400 or 404 about the probe itself) means the
 * key was accepted.
 */
export async function probeConnection(call: () => Promise<unknown>): Promise<ConnectionTest> {
  try {
    await call();
    return { ok: true, message: "key accepted" };
  } catch (err) {
    if (!(err instanceof VendorError)) throw err;
    switch (err.code) {
      case "auth":
        return { ok: false, reason: "rejected", message: `key rejected: ${err.vendorMessage}` };
      case "timeout":
      case "vendor_unavailable":
        return { ok: false, reason: "unreachable", message: `vendor unreachable: ${err.vendorMessage}` };
      case "quota":
        return { ok: false, reason: "error", message: `key accepted, but the vendor reports no balance: ${err.vendorMessage}` };
      case "rate_limited":
        return { ok: false, reason: "error", message: `the vendor is rate limiting requests: ${err.vendorMessage}` };
      case "bad_response":
        return { ok: false, reason: "error", message: `unexpected answer (check the base URL): ${err.vendorMessage}` };
      default:
        return { ok: true, message: "key accepted" };
    }
  }
}
