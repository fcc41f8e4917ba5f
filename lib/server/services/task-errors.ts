import { VendorError } from "@/lib/server/providers/types";

// Vendor failures in plain words. The code is stable (the pages translate it through
// tasks.errors.<code>; vendor error codes pass through unchanged); the message is the
// English text the API returns; vendorMessage is what the vendor itself said, and null
// when it said nothing: our own English is never passed off as the vendor's words.

export interface TaskFailure {
  code: string;
  message: string;
  vendorMessage: string | null;
  details?: Record<string, unknown>;
}

export const UNCONFIRMED_SUBMIT_MESSAGE = "The vendor did not answer; it may still have created a task.";

/** A submit call that failed before the vendor gave us a task id. */
export function describeSubmitError(err: unknown): TaskFailure {
  if (!(err instanceof VendorError)) {
    return { code: "internal", message: "Something went wrong on the server while submitting.", vendorMessage: null, details: { error: String(err) } };
  }
  const vendorMessage = err.fromVendor ? err.vendorMessage : null;
  const details = { vendorCode: err.code, problem: err.vendorMessage, httpStatus: err.httpStatus ?? null, raw: err.raw ?? null };
  return { ...submitFailure(err), vendorMessage, details };
}

function submitFailure(err: VendorError): { code: string; message: string } {
  const said = err.vendorMessage;
  switch (err.code) {
    case "auth":
      return { code: "auth", message: "The vendor rejected the API key." };
    case "quota":
      return { code: "quota", message: "Not enough credit at the vendor." };
    case "moderation":
      return { code: "moderation", message: `The prompt was refused by moderation: ${said}` };
    case "bad_request":
      return { code: "bad_request", message: `The vendor refused the request: ${said}` };
    case "not_found":
      return { code: "not_found", message: `The vendor does not know what this request refers to: ${said}` };
    case "rate_limited":
      return { code: "rate_limited", message: "The vendor is busy (too many requests). Try again in a moment." };
    case "timeout":
      // Never resubmitted: a second call could make (and charge for) a second song (REL-4).
      return { code: "submit_timeout", message: UNCONFIRMED_SUBMIT_MESSAGE };
    case "bad_response":
      // A success status with a body we cannot read may still mean a task was created.
      if (err.httpStatus !== undefined && err.httpStatus < 300) {
        return { code: "bad_response", message: "The vendor's answer could not be read; it may still have created a task." };
      }
      return { code: "bad_response", message: `The vendor is not working properly: ${said}` };
    case "vendor_unavailable":
      return { code: "vendor_unavailable", message: `The vendor is unavailable right now: ${said}` };
  }
}

/** The vendor finished the task as failed (its message, when present, is the vendor's own reason). */
export function describeVendorFailure(error: { code: string; message: string | null } | null): TaskFailure {
  const said = error?.message?.trim() || null;
  return {
    code: error?.code || "generation_failed",
    message: said ?? "The vendor reported a failure without giving a reason.",
    vendorMessage: said,
    details: { vendorError: error },
  };
}

/** The lyrics task "succeeded" with nothing written. */
export function noLyricsFailure(): TaskFailure {
  return { code: "no_output", message: "The vendor finished without writing any lyrics.", vendorMessage: null };
}

/** A vendor that said "done" for a WAV, video or persona without handing it over. */
export function noOutputFailure(what: string): TaskFailure {
  return { code: "no_output", message: `The vendor finished without making ${what}.`, vendorMessage: null };
}

export function timedOutFailure(minutes: number, lastProblem: unknown): TaskFailure {
  const span = minutes === 1 ? "1 minute" : `${Math.round(minutes * 10) / 10} minutes`;
  return { code: "timed_out", message: `Timed out: the vendor did not finish within ${span}.`, vendorMessage: null, details: { lastProblem: lastProblem ?? null } };
}

export function stuckSubmissionFailure(): TaskFailure {
  return {
    code: "submit_timeout",
    message: UNCONFIRMED_SUBMIT_MESSAGE,
    vendorMessage: null,
    details: { reason: "The server stopped before the vendor's answer was recorded; the task is not resubmitted." },
  };
}

export function providerMissingFailure(providerId: string): TaskFailure {
  return { code: "provider_missing", message: "This task's provider is no longer configured.", vendorMessage: null, details: { providerId } };
}

/** What the vendor said about a failed task, as stored beside the failure; null for old rows without it. */
export function storedVendorMessage(details: unknown): string | null {
  const said = (details as { vendorMessage?: unknown } | null)?.vendorMessage;
  return typeof said === "string" && said.trim() !== "" ? said : null;
}

/** What a failed poll looked like, kept so a later timeout can say why. */
export function describePollProblem(err: unknown): { code: string; message: string; retryAfter?: number } {
  if (err instanceof VendorError) return { code: err.code, message: err.vendorMessage, retryAfter: err.retryAfter };
  return { code: "internal", message: err instanceof Error ? err.message : String(err) };
}
