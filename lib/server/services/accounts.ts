import { AppError } from "@/lib/errors";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/server/auth/password";
import { passwordChangeLimit, startPasswordCheck } from "@/lib/server/auth/throttle";
import { getDb } from "@/lib/server/db/client";
import { invites, users, type User } from "@/lib/server/db/schema";
import {
  countOtherActiveAdmins,
  getUserByEmail,
  getUserById,
  hasAnyUser,
  hasOwner,
  insertUser,
  setUserDisabled,
  setUserRole,
  updateUserName,
  updateUserPassword,
} from "@/lib/server/data/users";
import { deleteAllApiTokensForUser } from "@/lib/server/data/api-tokens";
import { getInviteByTokenHash, insertInvite } from "@/lib/server/data/invites";
import { newId, newSecret, sha256Hex } from "@/lib/server/ids";
import { eq, isNull, and } from "drizzle-orm";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// Read-then-write transactions take the write lock first: a deferred one that read
// before another process wrote fails with SQLITE_BUSY_SNAPSHOT instead of waiting (REL-12).
const IMMEDIATE = { behavior: "immediate" } as const;

async function assertAcceptablePassword(password: string) {
  const problem = await passwordProblem(password);
  if (problem) {
    const key = { tooShort: "passwordTooShort", tooLong: "passwordTooLong", tooCommon: "passwordTooCommon" }[problem];
    throw new AppError("validation", "The password is not acceptable.", { details: { password: [key] } });
  }
}

function assertEmailFree(email: string) {
  if (getUserByEmail(email)) {
    throw new AppError("conflict", "That email is already in use.", { details: { email: ["emailTaken"] } });
  }
}

export async function createUser(input: { email: string; name: string; password: string; role: User["role"] }): Promise<User> {
  await assertAcceptablePassword(input.password);
  assertEmailFree(input.email);
  const passwordHash = await hashPassword(input.password);
  assertEmailFree(input.email);
  // An install set up from the command line gets its owner the same way: its first admin.
  return insertUser({ ...input, passwordHash, isOwner: input.role === "admin" && !hasOwner() });
}

/** First run only: creates the owner, an admin no other admin can demote or disable. Refused once anyone exists. */
export async function createOwner(input: { email: string; name: string; password: string }): Promise<User> {
  if (hasAnyUser()) throw new AppError("not_found", "Setup is already complete.", { key: "auth.errors.setupDone" });
  await assertAcceptablePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  // Checked again inside the transaction: two racing setup forms make one owner.
  return getDb().transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).limit(1).get()) {
      throw new AppError("not_found", "Setup is already complete.", { key: "auth.errors.setupDone" });
    }
    return tx
      .insert(users)
      .values({ id: newId(), email: input.email.trim().toLowerCase(), name: input.name, passwordHash, role: "admin", isOwner: true })
      .returning()
      .get();
  }, IMMEDIATE);
}

export type InviteState = "valid" | "used" | "expired" | "unknown";

export function inviteState(token: string, now = Date.now()): { state: InviteState; role?: User["role"] } {
  const invite = token ? getInviteByTokenHash(sha256Hex(token)) : undefined;
  if (!invite) return { state: "unknown" };
  if (invite.usedAt) return { state: "used" };
  if (invite.expiresAt.getTime() <= now) return { state: "expired" };
  return { state: "valid", role: invite.role };
}

export function createInvite(admin: { id: string }, role: User["role"]): { token: string; expiresAt: Date } {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  insertInvite({ tokenHash: sha256Hex(token), role, createdBy: admin.id, expiresAt });
  return { token, expiresAt };
}

/** Creates the invitee's account and spends the invite, atomically. */
export async function acceptInvite(token: string, input: { email: string; name: string; password: string }): Promise<User> {
  const { state } = inviteState(token);
  if (state !== "valid") throw new AppError("not_found", `This invite link is ${state}.`, { details: { state }, key: "auth.errors.inviteInvalid" });
  await assertAcceptablePassword(input.password);
  assertEmailFree(input.email);
  const passwordHash = await hashPassword(input.password);
  const tokenHash = sha256Hex(token);
  return getDb().transaction((tx) => {
    const invite = tx.select().from(invites).where(eq(invites.tokenHash, tokenHash)).get();
    if (!invite || invite.usedAt || invite.expiresAt.getTime() <= Date.now()) {
      throw new AppError("not_found", "This invite link is no longer valid.", { details: { state: "used" }, key: "auth.errors.inviteInvalid" });
    }
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw new AppError("conflict", "That email is already in use.", { details: { email: ["emailTaken"] } });
    }
    const user = tx
      .insert(users)
      .values({ id: newId(), email: input.email, name: input.name, passwordHash, role: invite.role })
      .returning()
      .get();
    const spent = tx
      .update(invites)
      .set({ usedAt: new Date(), usedBy: user.id })
      .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
      .run();
    if (spent.changes !== 1) throw new AppError("not_found", "This invite link is no longer valid.", { details: { state: "used" }, key: "auth.errors.inviteInvalid" });
    return user;
  }, IMMEDIATE);
}

/**
 * The current password is checked like a sign-in (SEC-14): throttled per user, within
 * the process's cap on hashes in flight. A change ends every other session and revokes
 * every API token, in one transaction.
 */
export async function changePassword(userId: string, current: string, next: string): Promise<User> {
  const user = getUserById(userId);
  if (!user) throw new AppError("not_found", "User not found.");
  await assertAcceptablePassword(next);
  const check = startPasswordCheck([passwordChangeLimit(userId)]);
  if (check.refused) {
    throw new AppError("rate_limited", "Too many password checks; try again later.", { details: { current: [check.refused] }, retryAfter: check.refused === "busy" ? 2 : 60 });
  }
  let passwordHash: string | null = null;
  try {
    if (await verifyPassword(current, user.passwordHash)) passwordHash = await hashPassword(next);
  } finally {
    check.finish(passwordHash !== null);
  }
  if (!passwordHash) throw new AppError("validation", "The current password is wrong.", { details: { current: ["currentPasswordWrong"] } });
  const hash = passwordHash;
  return getDb().transaction(
    () => {
      deleteAllApiTokensForUser(userId);
      return updateUserPassword(userId, hash);
    },
    IMMEDIATE,
  );
}

export function renameUser(userId: string, name: string) {
  updateUserName(userId, name);
}

function targetOf(admin: { id: string }, userId: string): User {
  const target = getUserById(userId);
  if (!target) throw new AppError("not_found", "User not found.");
  return target;
}

/** Disabling ends the user's sessions; the owner and the last active admin cannot be disabled. */
export function setDisabled(admin: { id: string }, userId: string, disabled: boolean) {
  const target = targetOf(admin, userId);
  if (disabled && target.isOwner) {
    throw new AppError("forbidden", "The owner cannot be disabled.", { key: "admin.errors.ownerDisable" });
  }
  if (disabled && target.role === "admin" && countOtherActiveAdmins(target.id) === 0) {
    throw new AppError("conflict", "The last admin cannot be disabled.", { key: "admin.errors.lastAdminDisable" });
  }
  if (disabled && target.id === admin.id) {
    throw new AppError("conflict", "You cannot disable your own account.", { key: "admin.errors.self" });
  }
  setUserDisabled(target.id, disabled);
}

/** The owner is always an admin; the last active admin cannot be demoted either. */
export function changeRole(admin: { id: string }, userId: string, role: User["role"]) {
  const target = targetOf(admin, userId);
  if (target.isOwner && role !== "admin") {
    throw new AppError("forbidden", "The owner is always an admin.", { key: "admin.errors.ownerDemote" });
  }
  if (target.role === "admin" && role !== "admin" && countOtherActiveAdmins(target.id) === 0) {
    throw new AppError("conflict", "The last admin cannot be demoted.", { key: "admin.errors.lastAdminDemote" });
  }
  setUserRole(target.id, role);
}

/** Whether the first-run setup (creating the owner) is done. */
export function isSetUp(): boolean {
  return hasAnyUser();
}
