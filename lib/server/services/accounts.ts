import { normaliseEmail } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/server/auth/password";
import { passwordChangeLimit, startPasswordCheck } from "@/lib/server/auth/throttle";
import type { User } from "@/lib/server/db/schema";
import {
  countOtherActiveAdmins,
  getUserByEmail,
  getUserById,
  hasAnyUser,
  hasOwner,
  insertOwnerIfNone,
  insertUser,
  setUserDisabled,
  setUserRole,
  updateUserLocale,
  updateUserName,
  updateUserPassword,
} from "@/lib/server/data/users";
import { deleteAllApiTokensForUser } from "@/lib/server/data/api-tokens";
import { deleteInvite, getInviteByTokenHash, insertInvite, spendInviteForNewUser } from "@/lib/server/data/invites";
import { deletePasswordResetsForUser, getPasswordResetByTokenHash, replacePasswordReset, spendPasswordReset } from "@/lib/server/data/password-resets";
import { inTransaction } from "@/lib/server/data/transaction";
import { newSecret, sha256Hex } from "@/lib/server/ids";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A reset link is sent by hand to someone locked out: a day is long enough, short enough to leak little. */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

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
  // Checked again inside the data layer's transaction: two racing setup forms make one owner.
  const owner = insertOwnerIfNone({ email: input.email, name: input.name, passwordHash });
  if (!owner) throw new AppError("not_found", "Setup is already complete.", { key: "auth.errors.setupDone" });
  return owner;
}

export type InviteState = "valid" | "used" | "expired" | "unknown";

export function inviteState(token: string, now = Date.now()): { state: InviteState; role?: User["role"]; email?: string | null } {
  const invite = token ? getInviteByTokenHash(sha256Hex(token)) : undefined;
  if (!invite) return { state: "unknown" };
  if (invite.usedAt) return { state: "used" };
  if (invite.expiresAt.getTime() <= now) return { state: "expired" };
  return { state: "valid", role: invite.role, ...(invite.email ? { email: invite.email } : {}) };
}

/**
 * An invite link; made out to an email, only that address may accept it, and that
 * person may also join by single sign-on without the link.
 */
export function createInvite(admin: { id: string }, role: User["role"], email?: string | null): { token: string; expiresAt: Date } {
  const invitee = email ? normaliseEmail(email) : null;
  if (invitee) assertEmailFree(invitee);
  const token = newSecret();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  insertInvite({ tokenHash: sha256Hex(token), role, createdBy: admin.id, expiresAt, email: invitee });
  return { token, expiresAt };
}

/** Creates the invitee's account and spends the invite, atomically. */
export async function acceptInvite(token: string, input: { email: string; name: string; password: string }): Promise<User> {
  const { state, email: invitee } = inviteState(token);
  if (state !== "valid") throw new AppError("not_found", `This invite link is ${state}.`, { details: { state }, key: "auth.errors.inviteInvalid" });
  const email = normaliseEmail(input.email);
  const mismatch = () => new AppError("validation", "This invite is for a different email address.", { details: { email: ["inviteEmailMismatch"] } });
  if (invitee && invitee !== email) throw mismatch();
  await assertAcceptablePassword(input.password);
  assertEmailFree(email);
  const passwordHash = await hashPassword(input.password);
  const outcome = spendInviteForNewUser({ tokenHash: sha256Hex(token), email, name: input.name, passwordHash, now: new Date() });
  if ("user" in outcome) return outcome.user;
  if (outcome.refused === "email_taken") throw new AppError("conflict", "That email is already in use.", { details: { email: ["emailTaken"] } });
  if (outcome.refused === "email_mismatch") throw mismatch();
  throw new AppError("not_found", "This invite link is no longer valid.", { details: { state: "used" }, key: "auth.errors.inviteInvalid" });
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
  return inTransaction(() => {
    deleteAllApiTokensForUser(userId);
    return updateUserPassword(userId, hash);
  });
}

export function renameUser(userId: string, name: string) {
  updateUserName(userId, name);
}

/** The user's interface language; null follows the browser. */
export function setUserLocale(userId: string, locale: string | null) {
  updateUserLocale(userId, locale);
}

/** An admin withdraws an invite link that has not been used. */
export function revokeInvite(admin: { role: User["role"] }, inviteId: string) {
  if (admin.role !== "admin") throw new AppError("forbidden", "Only admins can manage invites.", { key: "common.errors.forbidden" });
  deleteInvite(inviteId);
}

function targetOf(userId: string): User {
  const target = getUserById(userId);
  if (!target) throw new AppError("not_found", "User not found.");
  return target;
}

/**
 * Disabling ends the user's sessions and revokes their API tokens and reset links at
 * once, so enabling them later brings back none of those; the owner and the last
 * active admin cannot be disabled. `admin` is null for the server's operator (CLI).
 */
export function setDisabled(admin: { id: string } | null, userId: string, disabled: boolean) {
  const target = targetOf(userId);
  if (disabled && target.isOwner) {
    throw new AppError("forbidden", "The owner cannot be disabled.", { key: "admin.errors.ownerDisable" });
  }
  if (disabled && target.role === "admin" && countOtherActiveAdmins(target.id) === 0) {
    throw new AppError("conflict", "The last admin cannot be disabled.", { key: "admin.errors.lastAdminDisable" });
  }
  if (disabled && target.id === admin?.id) {
    throw new AppError("conflict", "You cannot disable your own account.", { key: "admin.errors.self" });
  }
  inTransaction(() => {
    setUserDisabled(target.id, disabled);
    if (disabled) {
      deleteAllApiTokensForUser(target.id);
      deletePasswordResetsForUser(target.id);
    }
  });
}

/**
 * An admin makes a one-time link for a member who is locked out (/reset/<token>).
 * The owner's password is not an admin's to reset: only the owner, in Settings, or the
 * server's operator (`users:password`) can change it.
 */
export function createPasswordReset(admin: { id: string }, userId: string): { token: string; expiresAt: Date } {
  const target = targetOf(userId);
  if (target.isOwner && target.id !== admin.id) {
    throw new AppError("forbidden", "Only the owner or the server's operator can reset the owner's password.", { key: "admin.errors.ownerReset" });
  }
  if (target.disabled) throw new AppError("conflict", "Enable the account before making a reset link.", { key: "admin.errors.resetDisabled" });
  const token = newSecret();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  replacePasswordReset({ userId: target.id, tokenHash: sha256Hex(token), createdBy: admin.id, expiresAt });
  return { token, expiresAt };
}

export type ResetState = "valid" | "used" | "expired" | "unknown";

/** What a reset link is now, and whose account it opens (name and email, for the page's heading). */
export function passwordResetState(token: string, now = Date.now()): { state: ResetState; user?: { name: string; email: string } } {
  const reset = token ? getPasswordResetByTokenHash(sha256Hex(token)) : undefined;
  if (!reset || reset.user.disabled) return { state: "unknown" };
  if (reset.usedAt) return { state: "used" };
  if (reset.expiresAt.getTime() <= now) return { state: "expired" };
  return { state: "valid", user: { name: reset.user.name, email: reset.user.email } };
}

/** Sets the new password through a reset link and spends it; every other session and API token of the account ends. */
export async function resetPassword(token: string, password: string): Promise<User> {
  const { state } = passwordResetState(token);
  if (state !== "valid") throw new AppError("not_found", `This reset link is ${state}.`, { details: { state }, key: "auth.errors.resetInvalid" });
  await assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  const outcome = spendPasswordReset({ tokenHash: sha256Hex(token), passwordHash, now: new Date() });
  if ("user" in outcome) return outcome.user;
  throw new AppError("not_found", "This reset link is no longer valid.", { details: { state: "used" }, key: "auth.errors.resetInvalid" });
}

/**
 * The server's operator sets a password from the command line (`users:password`), the
 * way back in for the owner too. Like a reset link it ends every session and revokes the
 * API tokens.
 */
export async function setPasswordByOperator(email: string, password: string): Promise<User> {
  const user = getUserByEmail(email);
  if (!user) throw new AppError("not_found", `No account with the email ${email}.`);
  await assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  return inTransaction(() => {
    deleteAllApiTokensForUser(user.id);
    deletePasswordResetsForUser(user.id);
    return updateUserPassword(user.id, passwordHash);
  });
}

/** The owner is always an admin; the last active admin cannot be demoted either. */
export function changeRole(admin: { id: string }, userId: string, role: User["role"]) {
  const target = targetOf(userId);
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
