import { VendorError, type VendorErrorCode } from "./types";

// Vendor error bodies → VendorError codes (REFERENCE §A1.6, §A2.6, §A3.6). Each
// classifier answers null when the body is a success; the vendor's own words are
// always kept as vendorMessage for display.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** The human part of any of the three vendors' error shapes. */
export function vendorMessageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const error = body.error;
  if (isObject(error)) return nonEmpty(error.message) ?? nonEmpty(error.code);
  return nonEmpty(body.message) ?? nonEmpty(body.error_message) ?? nonEmpty(error) ?? nonEmpty(body.msg);
}

/** When a body says nothing useful, the HTTP status decides. */
export function codeForStatus(status: number): VendorErrorCode {
  if (status === 401 || status === 403) return "auth";
  if (status === 402) return "quota";
  if (status === 404) return "not_found";
  if (status === 408 || status === 504 || status === 524) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "vendor_unavailable";
  if (status >= 400) return "bad_request";
  return "bad_response";
}

function build(code: VendorErrorCode, status: number, body: unknown): VendorError {
  const said = vendorMessageOf(body);
  return new VendorError(code, said ?? `The vendor answered HTTP ${status}.`, { httpStatus: status, raw: body, fromVendor: said !== undefined });
}

// new-api TaskError codes ({code, message, data}); anything else falls back to the status.
const NEWAPI_TASK_CODES: Record<string, VendorErrorCode> = {
  quota_not_enough: "quota",
  insufficient_user_quota: "quota",
  pre_consume_token_quota_failed: "quota",
  task_not_exist: "not_found",
  invalid_request: "bad_request",
  prompt_empty: "bad_request",
  invalid_action: "bad_request",
  task_channel_disable: "vendor_unavailable",
};

const QUOTA_WORDS = /额度|余额|quota|balance|insufficient/i;
const NOT_FOUND_WORDS = /task_not_exist|not[ _]?found|not[ _]exist|不存在/i;

/** newapi, and nengyongai's new-api shapes: OpenAI-style `{error:{message,type}}` and TaskError. */
export function classifyNewapiError(status: number, body: unknown): VendorError | null {
  if (status === 429) return build("rate_limited", status, body);
  if (isObject(body) && isObject(body.error)) {
    // Middleware errors: 401 bad/expired key, 401 "额度已用尽", 403 banned or model not allowed, 503 no channel.
    const message = vendorMessageOf(body) ?? "";
    if ((status === 401 || status === 403) && QUOTA_WORDS.test(message)) return build("quota", status, body);
    return build(status < 300 ? "vendor_unavailable" : codeForStatus(status), status, body);
  }
  if (isObject(body) && typeof body.code === "string") {
    if (body.code === "success") return status < 300 ? null : build(codeForStatus(status), status, body);
    const mapped = NEWAPI_TASK_CODES[body.code];
    if (mapped) return build(mapped, status, body);
    return build(status < 300 ? "vendor_unavailable" : codeForStatus(status), status, body);
  }
  return status < 300 ? null : build(codeForStatus(status), status, body);
}

/** GoAPI envelope `{code:<int>, message, error_message}`: anything but 200 is an error. */
export function classifyGoapiError(status: number, body: unknown): VendorError | null {
  if (!isObject(body) || typeof body.code !== "number") return null;
  if (body.code === 200 && status < 300) return null;
  const code = body.code === 200 ? status : body.code;
  const message = vendorMessageOf(body) ?? "";
  if (code === 404 || NOT_FOUND_WORDS.test(message)) return build("not_found", status, body);
  if (QUOTA_WORDS.test(message)) return build("quota", status, body);
  return build(codeForStatus(code >= 400 ? code : 500), status, body);
}

export function classifyNengyongaiError(status: number, body: unknown): VendorError | null {
  if (status === 429) return build("rate_limited", status, body);
  return classifyGoapiError(status, body) ?? classifyNewapiError(status, body);
}

/** sunohub / AceData `error.code` values (SDK `_ERROR_CODE_MAP`, AceData error table). */
export const SUNOHUB_CODES: Record<string, VendorErrorCode> = {
  invalid_token: "auth",
  no_token: "auth",
  token_expired: "auth",
  disabled: "auth",
  used_up: "quota",
  forbidden: "moderation",
  bad_request: "bad_request",
  token_mismatched: "bad_request",
  api_not_implemented: "bad_request",
  not_found: "not_found",
  too_many_requests: "rate_limited",
  api_error: "vendor_unavailable",
  timeout: "timeout",
};

/** sunohub `{success:false, error:{code,message}}`. A task record (no top-level `success`) is not an error. */
export function classifySunohubError(status: number, body: unknown): VendorError | null {
  if (status === 429) return build("rate_limited", status, body);
  const error = isObject(body) ? body.error : undefined;
  const failed = isObject(body) && (body.success === false || isObject(error));
  if (!failed) return status < 300 ? null : build(codeForStatus(status), status, body);
  const vendorCode = isObject(error) && typeof error.code === "string" ? error.code : "";
  const mapped = SUNOHUB_CODES[vendorCode];
  return build(mapped ?? (status < 300 ? "vendor_unavailable" : codeForStatus(status)), status, body);
}
