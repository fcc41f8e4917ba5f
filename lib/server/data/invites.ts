import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { invites, users, type Invite } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

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
