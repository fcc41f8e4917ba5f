import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { leases } from "@/lib/server/db/schema";

// A lease row per singleton job (REL-6). One atomic upsert both takes a free or
// expired lease and renews our own, so two processes can never both hold it.

export type Lease = typeof leases.$inferSelect;

/** Takes or renews the lease; true when `holder` now holds it. `steal` also takes it from a holder known to be dead. */
export function acquireLease(name: string, holder: string, now: Date, ttlMs: number, steal: string | null = null): boolean {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const stealClause = steal === null ? sql`0` : sql`${leases.holder} = ${steal}`;
  const result = getDb()
    .insert(leases)
    .values({ name, holder, expiresAt, heartbeatAt: now })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, expiresAt, heartbeatAt: now },
      setWhere: sql`${leases.holder} = ${holder} OR ${leases.expiresAt} < ${now.getTime()} OR ${stealClause}`,
    })
    .run();
  return result.changes > 0;
}

export function getLease(name: string): Lease | undefined {
  return getDb().select().from(leases).where(eq(leases.name, name)).get();
}

/** Gives the lease up at shutdown so the next process starts polling at once. */
export function releaseLease(name: string, holder: string) {
  getDb()
    .delete(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run();
}
