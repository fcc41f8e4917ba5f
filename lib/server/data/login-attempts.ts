import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { loginAttempts } from "@/lib/server/db/schema";

export interface AttemptLimit {
  key: string;
  limit: number;
}

/**
 * Counts each key's attempts since `since` and, only when every key is under its
 * limit, records one more attempt under each. One IMMEDIATE transaction: parallel
 * attempts (in this process or another) cannot all pass the count before any is
 * recorded. Returns the new rows' ids, or null when a key is at its limit.
 */
export function reserveAttempts(limits: AttemptLimit[], since: Date, at: Date): number[] | null {
  return getDb().transaction(
    (tx) => {
      for (const { key, limit } of limits) {
        const used =
          tx
            .select({ n: count() })
            .from(loginAttempts)
            .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)))
            .get()?.n ?? 0;
        if (used >= limit) return null;
      }
      return limits.map(({ key }) => tx.insert(loginAttempts).values({ key, at }).returning({ id: loginAttempts.id }).get().id);
    },
    { behavior: "immediate" },
  );
}

export function deleteAttempts(ids: number[]) {
  if (ids.length > 0) getDb().delete(loginAttempts).where(inArray(loginAttempts.id, ids)).run();
}

export function clearFailedAttempts(key: string) {
  getDb().delete(loginAttempts).where(eq(loginAttempts.key, key)).run();
}

export function pruneFailedAttempts(before: Date) {
  getDb().delete(loginAttempts).where(lt(loginAttempts.at, before)).run();
}
