import { getDb } from "@/lib/server/db/client";

/**
 * A short synchronous write transaction (REL-2) for services that change several
 * rows together. IMMEDIATE takes the write lock first: a deferred one that read before
 * another process wrote fails with SQLITE_BUSY_SNAPSHOT instead of waiting (REL-12).
 * Never call a vendor inside one.
 */
export function inTransaction<T>(fn: () => T): T {
  return getDb().transaction(() => fn(), { behavior: "immediate" });
}
