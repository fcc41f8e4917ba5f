import { Webhook } from "standardwebhooks";
import { SONG_TASK_KINDS } from "@/lib/domain";
import { env } from "@/lib/env";
import { decryptSecret, encryptSecret } from "@/lib/server/crypto";
import { listClipRowsOfTasks, getTaskRow } from "@/lib/server/data/tasks";
import { getUserNames } from "@/lib/server/data/users";
import {
  claimDelivery,
  getWebhookDelivery,
  getWebhookRow,
  insertWebhookDelivery,
  listDueDeliveries,
  listWebhookRows,
  pruneFinishedDeliveries,
  updateDelivery,
  updateWebhookRow,
} from "@/lib/server/data/webhooks";
import type { WebhookDeliveryRow, WebhookRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { logger } from "@/lib/server/logger";
import { PrivateAddressError } from "@/lib/server/providers/destination";
import { exchange } from "@/lib/server/providers/vendor-transport";

// Team webhooks on the wire. A finished task becomes one pending delivery per enabled
// webhook that wants the event, written in the same transaction that finishes the
// task, so an event is never lost to a crash between the two. The worker
// (webhook-worker.ts) sends due deliveries: one POST with a deadline, no redirects
// followed, never to a private or loopback address unless the host is in
// WEBHOOK_ALLOWED_HOSTS (checked by the socket's own lookup, so DNS cannot swap the
// address after the check). A 2xx delivers; anything else is retried with backoff
// until MAX_ATTEMPTS; a 410 Gone disables the webhook (the receiver says it is gone
// for good, as Slack does for a deleted app); a refused address fails at once.

/** Waits after the 1st, 2nd, … failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];
/** The first attempt and one retry per backoff step. */
export const MAX_ATTEMPTS = RETRY_BACKOFF_MS.length + 1;
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** Delivered and failed deliveries are kept this long for the admin page, then dropped. */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000;
/** The receiver's answer is not used beyond its status; read at most this much of it. */
const MAX_ANSWER_BYTES = 64 * 1024;
const SECRET_PURPOSE = "webhook-secret";

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface TaskEventData {
  taskId: string;
  kind: string;
  status: "succeeded" | "failed";
  title: string | null;
  url: string | null;
  clips: { id: string; title: string; url: string | null }[];
  error: { code: string; message: string } | null;
  owner: { name: string };
}

/** The context a secret is sealed to: it opens for this webhook only. */
export const secretContext = (webhookId: string) => `webhook:${webhookId}`;

/** The signing secret at rest: AES-256-GCM like vendor keys (SEC-8), bound to this webhook. */
export function sealWebhookSecret(webhookId: string, secret: string): string {
  return encryptSecret(secret, SECRET_PURPOSE, secretContext(webhookId));
}

export function openWebhookSecret(row: Pick<WebhookRow, "id" | "secretCiphertext">): string {
  return decryptSecret(row.secretCiphertext, SECRET_PURPOSE, secretContext(row.id));
}

function absolute(path: string): string | null {
  const base = env().APP_URL;
  return base ? new URL(path, base.endsWith("/") ? base : `${base}/`).href : null;
}

/** What a webhook is told about a finished task; null when the task is gone or not finished. */
export function taskEventData(taskId: string): TaskEventData | null {
  const task = getTaskRow(taskId);
  if (!task || (task.status !== "succeeded" && task.status !== "failed")) return null;
  const clips = listClipRowsOfTasks([taskId], task.ownerId).get(taskId) ?? [];
  const request = (task.request ?? {}) as { title?: unknown };
  const result = task.result as { title?: unknown } | null;
  const title =
    clips.find((c) => c.title)?.title ?? (typeof request.title === "string" && request.title ? request.title : null) ?? (typeof result?.title === "string" ? result.title : null);
  const makesClips = (SONG_TASK_KINDS as readonly string[]).includes(task.kind);
  return {
    taskId,
    kind: task.kind,
    status: task.status,
    title,
    url: absolute(`tasks/${taskId}`),
    clips: (makesClips ? clips : []).map((c) => ({ id: c.id, title: c.title, url: absolute(`clips/${c.id}`) })),
    error: task.status === "failed" ? { code: task.errorCode ?? "unknown", message: task.errorMessage ?? "The task failed." } : null,
    owner: { name: getUserNames([task.ownerId]).get(task.ownerId) ?? "" },
  };
}

/**
 * Inside the transaction that finished the task: one pending delivery per enabled
 * webhook that wants `task.<status>`. Returns how many were queued.
 */
export function enqueueTaskWebhooks(taskId: string, now: Date): number {
  const hooks = listWebhookRows().filter((w) => w.enabled);
  if (hooks.length === 0) return 0;
  const data = taskEventData(taskId);
  if (!data) return 0;
  const type = `task.${data.status}`;
  const payload: WebhookPayload = { type, timestamp: now.toISOString(), data: { ...data } };
  let queued = 0;
  for (const hook of hooks) {
    if (!hook.events.includes(type)) continue;
    insertWebhookDelivery({ id: `msg_${newId()}`, webhookId: hook.id, event: type, payload, status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now });
    queued += 1;
  }
  return queued;
}

/** A "Send test" delivery, queued to go at once. */
export function enqueueTestDelivery(hook: WebhookRow, actorName: string, now: Date): WebhookDeliveryRow {
  const payload: WebhookPayload = { type: "webhook.test", timestamp: now.toISOString(), data: { webhook: { id: hook.id, name: hook.name }, sentBy: { name: actorName } } };
  return insertWebhookDelivery({ id: `msg_${newId()}`, webhookId: hook.id, event: "webhook.test", payload, status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now });
}

/** One line for chat: Slack reads `text`, Discord reads `content`; both get the same words. */
export function chatText(payload: WebhookPayload): string {
  if (payload.type === "webhook.test") return "Songloft test message: this webhook works.";
  const d = payload.data as unknown as TaskEventData;
  const title = d.title ? `“${d.title}”` : d.kind === "lyrics" ? "Lyrics" : "A song";
  const who = d.owner?.name ? ` (${d.owner.name})` : "";
  const link = d.clips[0]?.url ?? d.url;
  if (d.status === "succeeded") return `${title} is ready${who}${link ? `: ${link}` : ""}`;
  return `${title} failed${who}: ${d.error?.message ?? "unknown reason"}${d.url ? ` ${d.url}` : ""}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** The exact bytes and headers one attempt sends. Standard Webhooks: signed over id, timestamp and body. */
export function buildRequest(hook: WebhookRow, delivery: Pick<WebhookDeliveryRow, "id" | "payload">, at: Date): SignedRequest {
  const payload = delivery.payload as WebhookPayload;
  const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": "Songloft-Webhooks/1" };
  if (hook.format === "slack") {
    const text = chatText(payload);
    return { body: JSON.stringify({ text, content: text }), headers };
  }
  const body = JSON.stringify(payload);
  const signature = new Webhook(openWebhookSecret(hook)).sign(delivery.id, at, body);
  return {
    body,
    headers: { ...headers, "webhook-id": delivery.id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature },
  };
}

export interface AttemptOptions {
  now?: Date;
  timeoutMs?: number;
  backoffMs?: number[];
}

type Outcome = { delivered: true; status: number } | { delivered: false; status: number | null; error: string; final: boolean; disable?: boolean };

async function send(hook: WebhookRow, delivery: WebhookDeliveryRow, now: Date, timeoutMs: number): Promise<Outcome> {
  let request: SignedRequest;
  try {
    request = buildRequest(hook, delivery, now);
  } catch (err) {
    // The secret no longer opens (a restored database without its secret): retrying cannot help.
    return { delivered: false, status: null, error: `Could not sign the payload: ${err instanceof Error ? err.message : String(err)}`, final: true };
  }
  try {
    const res = await exchange({
      method: "POST",
      url: hook.url,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
      allowedPrivateHosts: env().WEBHOOK_ALLOWED_HOSTS,
      maxBytes: MAX_ANSWER_BYTES,
    });
    if (res.status >= 200 && res.status < 300) return { delivered: true, status: res.status };
    if (res.status === 410) return { delivered: false, status: 410, error: "The receiver answered 410 Gone; the webhook was disabled.", final: true, disable: true };
    const redirect = res.status >= 300 && res.status < 400 ? ` (redirects are not followed: ${res.header("location") ?? "no location"})` : "";
    return { delivered: false, status: res.status, error: `The receiver answered HTTP ${res.status}${redirect}.`, final: false };
  } catch (err) {
    if (err instanceof PrivateAddressError) {
      const host = new URL(hook.url).host;
      return { delivered: false, status: null, error: `Refused: ${host} is a private or loopback address; list it in WEBHOOK_ALLOWED_HOSTS to allow it.`, final: true };
    }
    const name = err instanceof Error ? err.name : "";
    if (name === "TimeoutError" || name === "AbortError") return { delivered: false, status: null, error: `No answer within ${timeoutMs / 1000} s.`, final: false };
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    return { delivered: false, status: null, error: `Could not reach the receiver (${typeof code === "string" ? code : "network error"}).`, final: false };
  }
}

/** One attempt at a claimed delivery; records the outcome and the next attempt. */
export async function attemptDelivery(deliveryId: string, options: AttemptOptions = {}): Promise<WebhookDeliveryRow | undefined> {
  const now = options.now ?? new Date();
  const backoff = options.backoffMs ?? RETRY_BACKOFF_MS;
  const delivery = getWebhookDelivery(deliveryId);
  if (!delivery || delivery.status !== "pending") return delivery;
  const hook = getWebhookRow(delivery.webhookId);
  if (!hook) return undefined;
  const outcome = await send(hook, delivery, now, options.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
  const attempts = delivery.attempts + 1;
  const done = new Date();
  if (outcome.delivered) {
    updateDelivery(deliveryId, { status: "delivered", attempts, lastStatus: outcome.status, lastError: null, nextAttemptAt: null, deliveredAt: done });
  } else {
    const giveUp = outcome.final || attempts >= backoff.length + 1;
    updateDelivery(deliveryId, {
      status: giveUp ? "failed" : "pending",
      attempts,
      lastStatus: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: giveUp ? null : new Date(now.getTime() + backoff[attempts - 1]),
    });
    if (outcome.disable) updateWebhookRow(hook.id, { enabled: false, updatedAt: done });
    logger.warn("webhook delivery failed", { webhookId: hook.id, deliveryId, attempts, status: outcome.status, final: giveUp });
  }
  return getWebhookDelivery(deliveryId);
}

/** Sends every due delivery (a few at a time); returns how many were attempted. */
export async function deliverDue(options: AttemptOptions & { limit?: number; concurrency?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  // A claim outlives the attempt, so another process never sends the same one meanwhile.
  const claimUntil = new Date(now.getTime() + timeoutMs + 60_000);
  const due = listDueDeliveries(now, options.limit ?? 20).filter((d) => claimDelivery(d.id, now, claimUntil));
  const concurrency = options.concurrency ?? 4;
  for (let i = 0; i < due.length; i += concurrency) {
    await Promise.all(due.slice(i, i + concurrency).map((d) => attemptDelivery(d.id, { ...options, now }).catch((err) => logger.error("webhook delivery crashed", { err }))));
  }
  return due.length;
}

/** Forgets finished deliveries older than DELIVERY_RETENTION_MS; pending ones stay until they finish. */
export function pruneOldDeliveries(now = new Date()): number {
  const before = new Date(now.getTime() - DELIVERY_RETENTION_MS);
  return listWebhookRows().reduce((sum, hook) => sum + pruneFinishedDeliveries(hook.id, before), 0);
}
