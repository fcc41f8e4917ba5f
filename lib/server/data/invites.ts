import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { invites, users, type Invite, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { getUserByEmail, insertUser } from "./users";

export function insertInvite(values: { tokenHash: string; role: Invite["role"]; createdBy: string; expiresAt: Date }): Invite {
  return getDb()
    .insert(invites)
    .values({ id: newId(), ...values })
    .returning()
    .get();
}

export function getInviteByTokenHash(tokenHash: string): Invite | undefined {
  return getDb().select().from(invites).where(eq(invites.tokenHash, tokenHash)).get();
}

export function listInvites() {
  return getDb()
    .select({
      id: invites.id,
      role: invites.role,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      usedAt: invites.usedAt,
      createdByName: users.name,
    })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.createdBy))
    .orderBy(desc(invites.createdAt))
    .limit(50)
    .all();
}

export function deleteInvite(id: string) {
  getDb().delete(invites).where(eq(invites.id, id)).run();
}

export type SpendInviteOutcome = { user: User } | { refused: "invalid" | "email_taken" };

/**
 * Creates the invitee's account and spends the invite in one IMMEDIATE transaction:
 * an invite that was used or expired meanwhile, or an email taken meanwhile, changes
 * nothing.
 */
export function spendInviteForNewUser(input: { tokenHash: string; email: string; name: string; passwordHash: string; now: Date }): SpendInviteOutcome {
  return getDb().transaction(
    (tx) => {
      const invite = getInviteByTokenHash(input.tokenHash);
      if (!invite || invite.usedAt || invite.expiresAt.getTime() <= input.now.getTime()) return { refused: "invalid" as const };
      if (getUserByEmail(input.email)) return { refused: "email_taken" as const };
      const user = insertUser({ email: input.email, name: input.name, passwordHash: input.passwordHash, role: invite.role });
      const spent = tx
        .update(invites)
        .set({ usedAt: input.now, usedBy: user.id })
        .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
        .run();
      if (spent.changes !== 1) tx.rollback();
      return { user };
    },
    { behavior: "immediate" },
  );
}
