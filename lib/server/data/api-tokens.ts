import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { apiTokens, type ApiToken } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

export function insertApiToken(values: { userId: string; name: string; tokenHash: string; hint: string; readOnly?: boolean; expiresAt?: Date | null }): ApiToken {
  return getDb()
    .insert(apiTokens)
    .values({ id: newId(), ...values })
    .returning()
    .get();
}

/** What the settings page lists: never the hash. */
export type ApiTokenSummary = ReturnType<typeof listApiTokensForUser>[number];

export function listApiTokensForUser(userId: string) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      hint: apiTokens.hint,
      readOnly: apiTokens.readOnly,
      expiresAt: apiTokens.expiresAt,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

export function getApiTokenByHash(tokenHash: string): ApiToken | undefined {
  return getDb().select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
}

export function getApiTokenById(id: string): ApiToken | undefined {
  return getDb().select().from(apiTokens).where(eq(apiTokens.id, id)).get();
}

/** Records use at most once a minute, so busy scripts do not write on every request. */
export function touchApiToken(id: string, now = new Date()) {
  const stale = new Date(now.getTime() - 60_000);
  getDb()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))))
    .run();
}

/** Deletes the token only when it belongs to the user; returns whether it did. */
export function deleteApiTokenForUser(input: { tokenId: string; userId: string }): boolean {
  return (
    getDb()
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId)))
      .run().changes > 0
  );
}

/** Every token of the user: a password change revokes them all. */
export function deleteAllApiTokensForUser(userId: string): number {
  return getDb().delete(apiTokens).where(eq(apiTokens.userId, userId)).run().changes;
}
