import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_PER_ACCOUNT } from "@/lib/server/auth/throttle";
import { listApiTokensForUser } from "@/lib/server/data/api-tokens";
import { getUserById } from "@/lib/server/data/users";
import { acceptInvite, changePassword, changeRole, createInvite, createOwner, createUser, inviteState, setDisabled } from "@/lib/server/services/accounts";
import { createApiToken } from "@/lib/server/services/api-tokens";
import { createUser as createTestUser, openTestDb, type TestDb } from "../support/db";

// SEC-4 (session version moves on password change and disable), SEC-14 and SEC-16
// (a password change is throttled and revokes tokens), invites, the owner, last admin.

describe("accounts", () => {
  let db: TestDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(() => {
    db.cleanup();
    vi.restoreAllMocks();
  });

  it("creates the owner once; a second setup is refused", async () => {
    const owner = await createOwner({ email: "o@example.test", name: "O", password: "owner passphrase" });
    expect(owner.role).toBe("admin");
    await expect(createOwner({ email: "p@example.test", name: "P", password: "owner passphrase" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("invites are single-use, expire, and carry their role", async () => {
    const owner = await createOwner({ email: "o@example.test", name: "O", password: "owner passphrase" });
    const { token } = createInvite(owner, "admin");
    expect(inviteState(token)).toEqual({ state: "valid", role: "admin" });
    const user = await acceptInvite(token, { email: "new@example.test", name: "New", password: "newcomer passphrase" });
    expect(user.role).toBe("admin");
    expect(inviteState(token).state).toBe("used");
    await expect(acceptInvite(token, { email: "again@example.test", name: "Again", password: "newcomer passphrase" })).rejects.toMatchObject({ code: "not_found" });
    const second = createInvite(owner, "member");
    expect(inviteState(second.token, Date.now() + 8 * 24 * 3600 * 1000).state).toBe("expired");
    expect(inviteState("made-up-token").state).toBe("unknown");
  });

  it("a password change and a disable each move the session version on (SEC-4)", async () => {
    const owner = await createOwner({ email: "o@example.test", name: "O", password: "owner passphrase" });
    const member = await createUser({ email: "m@example.test", name: "M", password: "member passphrase", role: "member" });
    const v0 = getUserById(member.id)!.sessionVersion;
    await expect(changePassword(member.id, "wrong current", "next passphrase")).rejects.toMatchObject({ code: "validation" });
    expect(getUserById(member.id)!.sessionVersion).toBe(v0);
    await changePassword(member.id, "member passphrase", "next passphrase");
    const v1 = getUserById(member.id)!.sessionVersion;
    expect(v1).toBeGreaterThan(v0);
    setDisabled(owner, member.id, true);
    expect(getUserById(member.id)!.sessionVersion).toBeGreaterThan(v1);
    expect(getUserById(member.id)!.disabled).toBe(true);
  });

  it("the owner stays an admin: no other admin can demote or disable it", async () => {
    const owner = await createOwner({ email: "o@example.test", name: "O", password: "owner passphrase" });
    expect(owner.isOwner).toBe(true);
    const second = await createUser({ email: "s@example.test", name: "S", password: "second passphrase", role: "admin" });
    expect(second.isOwner).toBe(false);
    expect(() => changeRole(second, owner.id, "member")).toThrow(/owner is always an admin/);
    expect(() => setDisabled(second, owner.id, true)).toThrow(/owner cannot be disabled/);
    expect(() => changeRole(owner, owner.id, "member")).toThrow(/owner is always an admin/);
    expect(getUserById(owner.id)).toMatchObject({ role: "admin", disabled: false, isOwner: true });
    // The owner still manages every other admin.
    setDisabled(owner, second.id, true);
    changeRole(owner, second.id, "member");
    expect(getUserById(second.id)).toMatchObject({ role: "member", disabled: true, isOwner: false });
  });

  it("an install set up from the command line makes its first admin the owner", async () => {
    const member = await createUser({ email: "m@example.test", name: "M", password: "member passphrase", role: "member" });
    const first = await createUser({ email: "a@example.test", name: "A", password: "admin passphrase", role: "admin" });
    const later = await createUser({ email: "b@example.test", name: "B", password: "admin passphrase", role: "admin" });
    expect([member.isOwner, first.isOwner, later.isOwner]).toEqual([false, true, false]);
  });

  it("the last admin can be neither demoted nor disabled, owner or not", async () => {
    // An install whose owner was never marked (no admin existed when owners came in).
    const admin = createTestUser({ name: "A", role: "admin" });
    expect(() => changeRole(admin, admin.id, "member")).toThrow(/last admin/);
    const second = await createUser({ email: "s@example.test", name: "S", password: "second passphrase", role: "member" });
    expect(() => setDisabled(second, admin.id, true)).toThrow(/last admin/);
    changeRole(admin, second.id, "admin");
    changeRole(admin, admin.id, "member");
    expect(getUserById(admin.id)!.role).toBe("member");
  });

  it("a password change revokes every API token of the user, and only theirs (SEC-16)", async () => {
    const member = await createUser({ email: "m@example.test", name: "M", password: "member passphrase", role: "member" });
    const other = await createUser({ email: "n@example.test", name: "N", password: "neighbour passphrase", role: "member" });
    createApiToken(member.id, { name: "script" });
    createApiToken(member.id, { name: "reader", readOnly: true, expiresInDays: 30 });
    createApiToken(other.id, { name: "theirs" });
    await changePassword(member.id, "member passphrase", "next passphrase");
    expect(listApiTokensForUser(member.id)).toEqual([]);
    expect(listApiTokensForUser(other.id).map((t) => t.name)).toEqual(["theirs"]);
  });

  it("the current-password check is throttled like a sign-in: five wrong tries, then even the right one is refused unhashed (SEC-14)", async () => {
    const member = await createUser({ email: "m@example.test", name: "M", password: "member passphrase", role: "member" });
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      await expect(changePassword(member.id, `guess ${i}`, "next passphrase")).rejects.toMatchObject({ code: "validation" });
    }
    const scrypt = vi.spyOn(crypto, "scrypt");
    await expect(changePassword(member.id, "member passphrase", "next passphrase")).rejects.toMatchObject({ code: "rate_limited", details: { current: ["throttled"] } });
    expect(scrypt).not.toHaveBeenCalled();
  }, 60_000);
});
