import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/server/auth/password";
import { listApiTokensForUser } from "@/lib/server/data/api-tokens";
import { getUserById } from "@/lib/server/data/users";
import { createOwner, createPasswordReset, createUser, passwordResetState, resetPassword, RESET_TTL_MS, setDisabled, setPasswordByOperator } from "@/lib/server/services/accounts";
import { listMembersForAdmin } from "@/lib/server/services/members";
import { createApiToken } from "@/lib/server/services/api-tokens";
import { openTestDb, type TestDb } from "../support/db";

// Issue 14, account lifecycle: an admin's one-time, expiring reset link; the operator's
// users:password; disabling that revokes sessions, tokens and links at once.

describe("password reset links and the account lifecycle", () => {
  let db: TestDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(() => db.cleanup());

  async function team() {
    const owner = await createOwner({ email: "o@example.test", name: "Olive", password: "owner passphrase" });
    const admin = await createUser({ email: "a@example.test", name: "Ada", password: "admin passphrase", role: "admin" });
    const member = await createUser({ email: "m@example.test", name: "Mia", password: "forgotten passphrase", role: "member" });
    return { owner, admin, member };
  }

  it("a reset link works once: it sets the password, ends the member's sessions and revokes their API tokens", async () => {
    const { admin, member } = await team();
    createApiToken(member.id, { name: "script" });
    const before = getUserById(member.id)!.sessionVersion;
    const { token, expiresAt } = createPasswordReset(admin, member.id);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(RESET_TTL_MS - 60_000);
    expect(passwordResetState(token)).toEqual({ state: "valid", user: { name: "Mia", email: "m@example.test" } });
    expect(listMembersForAdmin().find((m) => m.id === member.id)?.resetPending).toBe(true);

    await resetPassword(token, "a brand new passphrase");
    const after = getUserById(member.id)!;
    expect(await verifyPassword("a brand new passphrase", after.passwordHash)).toBe(true);
    expect(await verifyPassword("forgotten passphrase", after.passwordHash)).toBe(false);
    expect(after.sessionVersion).toBeGreaterThan(before);
    expect(listApiTokensForUser(member.id)).toEqual([]);
    expect(passwordResetState(token).state).toBe("used");
    expect(listMembersForAdmin().find((m) => m.id === member.id)?.resetPending).toBe(false);
    await expect(resetPassword(token, "yet another passphrase")).rejects.toMatchObject({ code: "not_found", details: { state: "used" } });
  });

  it("a weak new password is refused and leaves the link usable", async () => {
    const { admin, member } = await team();
    const { token } = createPasswordReset(admin, member.id);
    await expect(resetPassword(token, "password123")).rejects.toMatchObject({ code: "validation", details: { password: ["passwordTooCommon"] } });
    expect(passwordResetState(token).state).toBe("valid");
  });

  it("links expire after a day, and a newer link replaces the older one", async () => {
    const { admin, member } = await team();
    const first = createPasswordReset(admin, member.id);
    expect(passwordResetState(first.token, Date.now() + RESET_TTL_MS + 1000).state).toBe("expired");
    const second = createPasswordReset(admin, member.id);
    expect(passwordResetState(first.token).state).toBe("unknown");
    expect(passwordResetState(second.token).state).toBe("valid");
    expect(passwordResetState("made-up").state).toBe("unknown");
  });

  it("no admin may make a link for the owner; the owner's way back is the operator's users:password", async () => {
    const { owner, admin, member } = await team();
    expect(() => createPasswordReset(admin, owner.id)).toThrow(expect.objectContaining({ code: "forbidden" }));
    createApiToken(owner.id, { name: "owner script" });
    await setPasswordByOperator("o@example.test", "the owner is back in");
    expect(await verifyPassword("the owner is back in", getUserById(owner.id)!.passwordHash)).toBe(true);
    expect(listApiTokensForUser(owner.id)).toEqual([]);
    await expect(setPasswordByOperator("nobody@example.test", "whatever passphrase")).rejects.toMatchObject({ code: "not_found" });
    // A member is not the owner: the admin's link works for them.
    expect(createPasswordReset(admin, member.id).token).toBeTruthy();
  });

  it("disabling revokes sessions, API tokens and reset links at once; enabling brings none of them back", async () => {
    const { admin, member } = await team();
    createApiToken(member.id, { name: "script" });
    const { token } = createPasswordReset(admin, member.id);
    const before = getUserById(member.id)!.sessionVersion;
    setDisabled(admin, member.id, true);
    expect(getUserById(member.id)!.sessionVersion).toBeGreaterThan(before);
    expect(listApiTokensForUser(member.id)).toEqual([]);
    expect(passwordResetState(token).state).toBe("unknown");
    expect(() => createPasswordReset(admin, member.id)).toThrow(expect.objectContaining({ code: "conflict" }));
    setDisabled(null, member.id, false);
    expect(getUserById(member.id)!.disabled).toBe(false);
    expect(listApiTokensForUser(member.id)).toEqual([]);
    await expect(resetPassword(token, "a brand new passphrase")).rejects.toMatchObject({ code: "not_found" });
  });

  it("the operator (no admin) cannot disable the owner either", async () => {
    const { owner } = await team();
    expect(() => setDisabled(null, owner.id, true)).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(getUserById(owner.id)!.disabled).toBe(false);
  });
});
