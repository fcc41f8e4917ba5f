import { and, asc, desc, eq, lt, lte, ne } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { webhookDeliveries, webhooks, type WebhookDeliveryRow, type WebhookRow } from "@/lib/server/db/schema";

// Team webhooks and their deliveries. The webhooks table stays small (an admin adds a
// handful), so it is read whole; deliveries are read through their two indexes only:
// due ones by (status, next_attempt_at), one webhook's recent ones by (webhook_id, created_at).

export type NewWebhookRow = typeof webhooks.$inferInsert;
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert;

export function listWebhookRows(): WebhookRow[] {
  return getDb().select().from(webhooks).orderBy(asc(webhooks.createdAt)).all();
}

export function getWebhookRow(id: string): WebhookRow | undefined {
  return getDb().select().from(webhooks).where(eq(webhooks.id, id)).get();
}

export function insertWebhookRow(values: NewWebhookRow): WebhookRow {
  return getDb().insert(webhooks).values(values).returning().get();
}

export function updateWebhookRow(id: string, values: Partial<NewWebhookRow>): WebhookRow | undefined {
  return getDb().update(webhooks).set(values).where(eq(webhooks.id, id)).returning().get();
}

/** Its deliveries go with it (ON DELETE CASCADE). */
export function deleteWebhookRow(id: string): boolean {
  return getDb().delete(webhooks).where(eq(webhooks.id, id)).run().changes > 0;
}

export function insertWebhookDelivery(values: NewWebhookDeliveryRow): WebhookDeliveryRow {
  return getDb().insert(webhookDeliveries).values(values).returning().get();
}

export function getWebhookDelivery(id: string): WebhookDeliveryRow | undefined {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
}

/** A webhook's most recent deliveries, newest first. */
export function listRecentDeliveries(webhookId: string, limit: number): WebhookDeliveryRow[] {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(desc(webhookDeliveries.createdAt)).limit(limit).all();
}

/** Pending deliveries whose next attempt is due, oldest due first. */
export function listDueDeliveries(now: Date, limit: number): WebhookDeliveryRow[] {
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .all();
}

/**
 * Takes a due delivery for one attempt by moving its next attempt to `until`: another
 * worker (another process) no longer sees it as due. False when someone else took it.
 */
export function claimDelivery(id: string, now: Date, until: Date): boolean {
  return (
    getDb()
      .update(webhookDeliveries)
      .set({ nextAttemptAt: until })
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
      .run().changes > 0
  );
}

export function updateDelivery(id: string, values: Partial<NewWebhookDeliveryRow>) {
  getDb().update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, id)).run();
}

/** Drops one webhook's finished (delivered or failed) deliveries made before `before`, through its (webhook_id, created_at) index. */
export function pruneFinishedDeliveries(webhookId: string, before: Date): number {
  return getDb()
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), lt(webhookDeliveries.createdAt, before), ne(webhookDeliveries.status, "pending")))
    .run().changes;
}
