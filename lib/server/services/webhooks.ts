import crypto from "node:crypto";
import type { Viewer } from "@/lib/domain";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveryDto, WebhookDto } from "@/lib/schemas/webhooks";
import { inTransaction } from "@/lib/server/data/transaction";
import { deleteWebhookRow, getWebhookRow, insertWebhookRow, listRecentDeliveries, listWebhookRows, updateWebhookRow } from "@/lib/server/data/webhooks";
import type { WebhookDeliveryRow, WebhookRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { privateAddressOf } from "@/lib/server/providers/destination";
import { attemptDelivery, enqueueTestDelivery, sealWebhookSecret } from "./webhook-delivery";

// Admin use cases for the team's outbound webhooks. The signing secret is made here,
// shown once in the answer to create, and kept only encrypted (SEC-8). A URL that
// resolves to a private or loopback address is refused when saved unless its host is
// in WEBHOOK_ALLOWED_HOSTS; the sender checks again at every attempt.

/** Deliveries a webhook's card lists. */
export const RECENT_DELIVERIES = 10;

type Actor = Pick<Viewer, "id" | "role"> & Partial<Pick<Viewer, "name">>;

function assertAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can manage webhooks.", { key: "notifications.errors.forbidden" });
}

function rowOf(id: string): WebhookRow {
  const row = getWebhookRow(id);
  if (!row) throw new AppError("not_found", "Webhook not found.", { key: "notifications.errors.notFound" });
  return row;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDeliveryDto(d: WebhookDeliveryRow): WebhookDeliveryDto {
  return {
    id: d.id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    nextAttemptAt: d.status === "pending" ? iso(d.nextAttemptAt) : null,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
  };
}

function toDto(row: WebhookRow): WebhookDto {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: row.format,
    events: row.events,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: iso(row.updatedAt),
    deliveries: listRecentDeliveries(row.id, RECENT_DELIVERIES).map(toDeliveryDto),
  };
}

/** Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
function newSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

async function assertPublicUrl(url: string) {
  const address = await privateAddressOf(url, env().WEBHOOK_ALLOWED_HOSTS);
  if (address) {
    throw new AppError("validation", `The URL points at a private address (${address}); list its host in WEBHOOK_ALLOWED_HOSTS to allow it.`, {
      details: { url: ["urlPrivate"] },
    });
  }
}

export function listWebhooksForAdmin(actor: Actor): WebhookDto[] {
  assertAdmin(actor);
  return listWebhookRows().map(toDto);
}

export function getWebhookForAdmin(actor: Actor, id: string): WebhookDto {
  assertAdmin(actor);
  return toDto(rowOf(id));
}

/** The secret is in this answer and nowhere else, ever. */
export async function createWebhook(actor: Actor, input: CreateWebhookInput): Promise<{ webhook: WebhookDto; secret: string }> {
  assertAdmin(actor);
  await assertPublicUrl(input.url);
  const id = newId();
  const secret = newSigningSecret();
  const row = insertWebhookRow({
    id,
    name: input.name,
    url: input.url,
    format: input.format,
    secretCiphertext: sealWebhookSecret(id, secret),
    events: input.events,
    enabled: input.enabled,
    createdBy: actor.id,
  });
  return { webhook: toDto(row), secret };
}

export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookDto> {
  assertAdmin(actor);
  rowOf(id);
  if (input.url !== undefined) await assertPublicUrl(input.url);
  const row = updateWebhookRow(id, { ...input, updatedAt: new Date() });
  if (!row) throw new AppError("not_found", "Webhook not found.", { key: "notifications.errors.notFound" });
  return toDto(row);
}

export function deleteWebhook(actor: Actor, id: string) {
  assertAdmin(actor);
  if (!deleteWebhookRow(id)) throw new AppError("not_found", "Webhook not found.", { key: "notifications.errors.notFound" });
}

/**
 * "Send test": one delivery made and tried at once, so the admin sees the outcome
 * on the page; a failed test is retried like any delivery.
 */
export async function sendTestWebhook(actor: Actor, id: string): Promise<WebhookDeliveryDto> {
  assertAdmin(actor);
  const hook = rowOf(id);
  const delivery = inTransaction(() => enqueueTestDelivery(hook, actor.name ?? "", new Date()));
  const after = await attemptDelivery(delivery.id);
  return toDeliveryDto(after ?? delivery);
}
