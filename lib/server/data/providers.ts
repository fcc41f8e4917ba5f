import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, perConnection } from "@/lib/server/db/client";
import { providers, tasks, usageMonths, type ProviderRow } from "@/lib/server/db/schema";

export function listProviderRows(): ProviderRow[] {
  return getDb().select().from(providers).orderBy(asc(providers.createdAt)).all();
}

// Every list page labels its rows and filters with provider names: prepared once.
const namesQuery = perConnection((db) => db.select({ id: providers.id, name: providers.name }).from(providers).orderBy(asc(providers.createdAt)).prepare());

/** Id and display name of every provider, oldest first. */
export function listProviderNameRows(): { id: string; name: string }[] {
  return namesQuery().all();
}

export function getProviderRow(id: string): ProviderRow | undefined {
  return getDb().select().from(providers).where(eq(providers.id, id)).get();
}

export function insertProviderRow(values: typeof providers.$inferInsert): ProviderRow {
  return getDb().insert(providers).values(values).returning().get();
}

export function updateProviderRow(id: string, values: Partial<typeof providers.$inferInsert>) {
  getDb()
    .update(providers)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(providers.id, id))
    .run();
}

/** Swaps the ciphertext only if nobody changed it meanwhile (re-sealing an old key on first read). */
export function replaceProviderKeyCiphertext(id: string, expected: string, next: string) {
  getDb()
    .update(providers)
    .set({ keyCiphertext: next })
    .where(and(eq(providers.id, id), eq(providers.keyCiphertext, expected)))
    .run();
}

/** A key that cannot be read is dropped and its provider switched off until an admin enters it again. */
export function forgetProviderKey(id: string) {
  updateProviderRow(id, { keyCiphertext: null, keyHint: null, enabled: false });
}

/** Whether any task references the provider: one index probe, however many tasks it has. */
export function providerHasTasks(id: string): boolean {
  return getDb().select({ id: tasks.id }).from(tasks).where(eq(tasks.providerId, id)).limit(1).get() !== undefined;
}

// Counting a provider's tasks would read every one of them; the usage counters (kept
// by triggers, see schema.ts) hold the same totals in a few rows per month.
const taskTotals = sql<number>`coalesce(sum(${usageMonths.tasks}), 0)`;

export function countTasksForProvider(id: string): number {
  return getDb().select({ n: taskTotals }).from(usageMonths).where(eq(usageMonths.providerId, id)).get()?.n ?? 0;
}

/** Task counts per provider, for the admin list (providers with none are absent). */
export function countTasksByProvider(): Map<string, number> {
  const rows = getDb().select({ id: usageMonths.providerId, n: taskTotals }).from(usageMonths).groupBy(usageMonths.providerId).all();
  return new Map(rows.filter((r) => r.n > 0).map((r) => [r.id, r.n]));
}

/** Removes a provider only while no task references it; answers whether it was removed. */
export function deleteUnusedProviderRow(id: string): "deleted" | "in_use" | "missing" {
  // IMMEDIATE: the count and the delete are one decision; a deferred read would fail, not wait, if another process wrote in between.
  return getDb().transaction(
    (tx) => {
      if (tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.providerId, id)).limit(1).get()) return "in_use";
      return tx.delete(providers).where(eq(providers.id, id)).run().changes > 0 ? "deleted" : "missing";
    },
    { behavior: "immediate" },
  );
}

/** Env providers mirror the environment on every start: present and enabled when configured, disabled otherwise. */
export function upsertEnvProviderRow(row: { id: string; name: string; protocol: ProviderRow["protocol"]; baseUrl: string; enabled: boolean }) {
  getDb()
    .insert(providers)
    .values({ ...row, source: "env" })
    .onConflictDoUpdate({
      target: providers.id,
      set: { name: row.name, protocol: row.protocol, baseUrl: row.baseUrl, enabled: row.enabled, source: "env", updatedAt: new Date() },
    })
    .run();
}
