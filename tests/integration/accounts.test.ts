import { beforeEach, describe, expect, it } from "vitest";
import { getUserById } from "@/lib/server/data/users";
import { acceptInvite, changePassword, changeRole, createInvite, createOwner, createUser, inviteState, setDisabled } from "@/lib/server/services/accounts";
import { useTempDataDir } from "../support/temp-data";

// SEC-4 (session version moves on password change and disable), invites, last admin.

describe("accounts", () => {
  beforeEach(() => {
    useTempDataDir();
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

  it("the last admin can be neither demoted nor disabled", async () => {
    const owner = await createOwner({ email: "o@example.test", name: "O", password: "owner passphrase" });
    expect(() => changeRole(owner, owner.id, "member")).toThrow(/last admin/);
    const second = await createUser({ email: "s@example.test", name: "S", password: "second passphrase", role: "member" });
    expect(() => setDisabled(second, owner.id, true)).toThrow(/last admin/);
    changeRole(owner, second.id, "admin");
    changeRole(owner, owner.id, "member");
    expect(getUserById(owner.id)!.role).toBe("member");
  });
});
