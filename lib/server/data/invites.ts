import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { invites, users, type Invite, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { getUserByEmail, insertUser } from "./users";

export function insertInvite(values: { tokenHash: string; role: Invite["role"]; createdBy: string; expiresAt: Date; email?: string | null }): Invite {
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
      email: invites.email,
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

/** The newest unused, unexpired invite made out to this (normalised) email. */
export function getUsableInviteByEmail(email: string, now: Date): Invite | undefined {
  return getDb()
    .select()
    .from(invites)
    .where(and(eq(invites.email, email), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .orderBy(desc(invites.createdAt))
    .limit(1)
    .get();
}

export type SsoJoinOutcome = { user: User; invited: boolean } | { refused: "not_invited" | "email_taken" };

/**
 * A first single sign-on makes its account in one IMMEDIATE transaction: with an
 * invite made out to the email (spent here, its role given), or else as a member when
 * the email's domain is allowed. The account has no password (an empty hash never
 * matches) and is linked to the identity from the start.
 */
export function joinBySso(input: { email: string; name: string; oidcSubject: string; domainAllowed: boolean; now: Date }): SsoJoinOutcome {
  return getDb().transaction(
    (tx) => {
      if (getUserByEmail(input.email)) return { refused: "email_taken" as const };
      const invite = getUsableInviteByEmail(input.email, input.now);
      if (!invite && !input.domainAllowed) return { refused: "not_invited" as const };
      const user = insertUser({ email: input.email, name: input.name, passwordHash: "", role: invite?.role ?? "member", oidcSubject: input.oidcSubject, lastLoginAt: input.now });
      if (invite) {
        const spent = tx
          .update(invites)
          .set({ usedAt: input.now, usedBy: user.id })
          .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
          .run();
        if (spent.changes !== 1) tx.rollback();
      }
      return { user, invited: Boolean(invite) };
    },
    { behavior: "immediate" },
  );
}

export type SpendInviteOutcome = { user: User } | { refused: "invalid" | "email_taken" | "email_mismatch" };

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
      // An invite made out to an email is that person's: another address cannot spend it.
      if (invite.email && invite.email !== input.email) return { refused: "email_mismatch" as const };
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
