import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { apiTokens, passwordResets, users, type PasswordResetRow, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

/** A new reset link for the user; any earlier link of theirs stops working. */
export function replacePasswordReset(values: { userId: string; tokenHash: string; createdBy: string; expiresAt: Date }): PasswordResetRow {
  return getDb().transaction(
    (tx) => {
      tx.delete(passwordResets).where(eq(passwordResets.userId, values.userId)).run();
      return tx
        .insert(passwordResets)
        .values({ id: newId(), ...values })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

export function getPasswordResetByTokenHash(tokenHash: string): (PasswordResetRow & { user: User }) | undefined {
  const row = getDb().select().from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(eq(passwordResets.tokenHash, tokenHash)).get();
  return row ? { ...row.password_resets, user: row.users } : undefined;
}

/** The unused, unexpired reset links of these users, for the admin's member list. */
export function pendingResetUserIds(now = new Date()): Set<string> {
  const rows = getDb()
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(and(isNull(passwordResets.usedAt), sql`${passwordResets.expiresAt} > ${now.getTime()}`))
    .all();
  return new Set(rows.map((r) => r.userId));
}

export type SpendResetOutcome = { user: User } | { refused: "invalid" };

/**
 * Sets the new password and spends the link in one IMMEDIATE transaction: a link used,
 * expired or replaced meanwhile, or an account disabled meanwhile, changes nothing. The
 * password change ends every session (session_version) and revokes the API tokens.
 */
export function spendPasswordReset(input: { tokenHash: string; passwordHash: string; now: Date }): SpendResetOutcome {
  return getDb().transaction(
    (tx) => {
      const reset = getPasswordResetByTokenHash(input.tokenHash);
      if (!reset || reset.usedAt || reset.expiresAt.getTime() <= input.now.getTime() || reset.user.disabled) return { refused: "invalid" as const };
      const spent = tx
        .update(passwordResets)
        .set({ usedAt: input.now })
        .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
        .run();
      if (spent.changes !== 1) return { refused: "invalid" as const };
      tx.delete(apiTokens).where(eq(apiTokens.userId, reset.userId)).run();
      const user = tx
        .update(users)
        .set({ passwordHash: input.passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, reset.userId))
        .returning()
        .get();
      return { user };
    },
    { behavior: "immediate" },
  );
}

/** A disabled account keeps no way back in: its pending reset links go with its sessions and tokens. */
export function deletePasswordResetsForUser(userId: string) {
  getDb().delete(passwordResets).where(eq(passwordResets.userId, userId)).run();
}
