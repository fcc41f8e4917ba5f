import { and, count, eq, gt, lt } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { loginAttempts } from "@/lib/server/db/schema";

export function recordFailedAttempt(keys: string[], at = new Date()) {
  const db = getDb();
  db.transaction((tx) => {
    for (const key of keys) tx.insert(loginAttempts).values({ key, at }).run();
  });
}

export function countFailedAttemptsSince(key: string, since: Date): number {
  return (
    getDb()
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)))
      .get()?.n ?? 0
  );
}

export function clearFailedAttempts(key: string) {
  getDb().delete(loginAttempts).where(eq(loginAttempts.key, key)).run();
}

export function pruneFailedAttempts(before: Date) {
  getDb().delete(loginAttempts).where(lt(loginAttempts.at, before)).run();
}
