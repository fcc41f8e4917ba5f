import { asc, count, eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { providers, tasks, type ProviderRow } from "@/lib/server/db/schema";

export function listProviderRows(): ProviderRow[] {
  return getDb().select().from(providers).orderBy(asc(providers.createdAt)).all();
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

export function deleteProviderRow(id: string) {
  getDb().delete(providers).where(eq(providers.id, id)).run();
}

export function countTasksForProvider(id: string): number {
  return getDb().select({ n: count() }).from(tasks).where(eq(tasks.providerId, id)).get()?.n ?? 0;
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
