import { getTaskByCallbackSecret } from "@/lib/server/data/tasks";
import { sha256Hex } from "@/lib/server/ids";
import { requestImmediatePoll } from "./sync-task";

// Vendor callbacks (SEC-9). The per-task secret in the URL is the only credential and
// it alone names the task, so the body is never read: a wrong secret is refused before
// a byte of it arrives (SEC-13), and nothing in it can be trusted anyway. A match only
// moves that task's next poll to now, so the poller re-fetches it from the vendor's
// API. Repeats are harmless.

export type CallbackOutcome =
  | { accepted: false }
  /** `refresh`: the task is unfinished and is now due for an immediate poll. */
  | { accepted: true; taskId: string; refresh: boolean };

const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

export function receiveCallback(providerId: string, secret: string, now = new Date()): CallbackOutcome {
  if (!SECRET_SHAPE.test(secret)) return { accepted: false };
  // Only the SHA-256 of the 256-bit secret is stored and looked up; how long the index
  // lookup takes depends on that digest, which tells an attacker nothing about a secret.
  const match = getTaskByCallbackSecret(providerId, sha256Hex(secret));
  if (!match) return { accepted: false };
  const refresh = requestImmediatePoll(match.id, now);
  return { accepted: true, taskId: match.id, refresh };
}
