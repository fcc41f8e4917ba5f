import { listInvites } from "@/lib/server/data/invites";
import { pendingResetUserIds } from "@/lib/server/data/password-resets";
import { listUsers } from "@/lib/server/data/users";

// Plain rows for the admin pages: no password hashes or session versions leave here.

export function listMembersForAdmin() {
  const resetPending = pendingResetUserIds();
  return listUsers().map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    isOwner: u.isOwner,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    resetPending: resetPending.has(u.id),
  }));
}

export function listAdminInvites(now = Date.now()) {
  return listInvites().map((i) => ({
    id: i.id,
    role: i.role,
    email: i.email,
    createdByName: i.createdByName,
    createdAt: i.createdAt.toISOString(),
    state: i.usedAt ? ("used" as const) : i.expiresAt.getTime() <= now ? ("expired" as const) : ("pending" as const),
  }));
}
