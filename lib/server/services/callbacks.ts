import { getTaskRowByVendorId, isTerminal, listOpenTaskSecrets } from "@/lib/server/data/tasks";
import { digestsEqual, sha256Hex } from "@/lib/server/ids";
import { getProvider } from "@/lib/server/providers/registry";
import { requestImmediatePoll } from "./sync-task";

// Vendor callbacks (SEC-9). The per-task secret in the URL is the only credential;
// its hash is compared in constant time. The body is never trusted: at most it hints
// which task to look at first, and a match only moves that task's next poll to now,
// so the poller re-fetches it from the vendor's API. Repeats are harmless.

export type CallbackOutcome =
  | { accepted: false }
  /** `refresh`: the task is unfinished and is now due for an immediate poll. */
  | { accepted: true; taskId: string; refresh: boolean };

const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

export function receiveCallback(providerId: string, secret: string, body: unknown, now = new Date()): CallbackOutcome {
  if (!SECRET_SHAPE.test(secret)) return { accepted: false };
  const digest = sha256Hex(secret);
  const candidates = listOpenTaskSecrets(providerId);
  // A finished task is no longer "open"; the body's task id still lets a late callback find it.
  const hinted = hintedTask(providerId, body);
  if (hinted) candidates.push(hinted);

  const match = candidates.find((c) => c.callbackSecretHash !== null && digestsEqual(c.callbackSecretHash, digest));
  if (!match) return { accepted: false };
  const refresh = requestImmediatePoll(match.id, now);
  return { accepted: true, taskId: match.id, refresh };
}

function hintedTask(providerId: string, body: unknown): { id: string; callbackSecretHash: string | null } | null {
  const vendorTaskId = getProvider(providerId)?.adapter.parseCallback(body)?.vendorTaskId;
  const task = vendorTaskId ? getTaskRowByVendorId(providerId, vendorTaskId) : undefined;
  return task && isTerminal(task.status) ? { id: task.id, callbackSecretHash: task.callbackSecretHash } : null;
}
