import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/server/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { getUserByEmail, getUserById, insertUser, setUserDisabled } from "@/lib/server/data/users";
import { acceptInvite, createInvite, createOwner, inviteState } from "@/lib/server/services/accounts";
import { listAdminInvites } from "@/lib/server/services/members";
import { linkedIdentity, oidcSubjectOf, resolveSsoSignIn, ssoName } from "@/lib/server/services/sso";
import { openTestDb, type TestDb } from "../support/db";

// Single sign-on maps the identity provider's person to an account: the linked
// identity first, then a verified email of an existing account (linked), then a new
// account only by an invite made out to the email or an allowed domain. Everyone else,
// and disabled accounts, are refused and nothing is written.

const ISSUER = "https://id.example.test/realms/team/";
const SSO_ENV = {
  OIDC_ISSUER: ISSUER,
  OIDC_CLIENT_ID: "songloft",
  OIDC_CLIENT_SECRET: "client-secret",
  OIDC_NAME: "Team ID",
  OIDC_ALLOWED_DOMAINS: "songs.example.test, Studio.Example.test",
};

function person(sub: string, email: string, extra: Record<string, unknown> = {}) {
  return { sub, email, email_verified: true, name: `Person ${sub}`, ...extra };
}

describe("single sign-on", () => {
  let db: TestDb;
  let owner: Awaited<ReturnType<typeof createOwner>>;
  beforeEach(async () => {
    db = openTestDb(SSO_ENV);
    owner = await createOwner({ email: "owner@example.test", name: "Owner", password: "owner passphrase" });
  });
  afterEach(() => db.cleanup());

  it("is off unless issuer, client id and secret are all set; the issuer is kept exactly", () => {
    expect(ssoName()).toBe("Team ID");
    db.setEnv({ ...SSO_ENV, OIDC_CLIENT_SECRET: "" });
    expect(ssoName()).toBeNull();
    expect(resolveSsoSignIn(person("a", "a@songs.example.test")).ok).toBe(false);
    expect(getUserByEmail("a@songs.example.test")).toBeUndefined();
    db.setEnv(SSO_ENV);
    const outcome = resolveSsoSignIn(person("a", "a@songs.example.test"));
    expect(outcome.ok && outcome.user.oidcSubject).toBe(`${ISSUER}|a`);
  });

  it("joins an invited email with the invite's role and spends the invite", () => {
    const { token } = createInvite(owner, "admin", "  Invitee@Elsewhere.example.test ");
    expect(inviteState(token)).toMatchObject({ state: "valid", email: "invitee@elsewhere.example.test" });
    expect(listAdminInvites()[0]).toMatchObject({ email: "invitee@elsewhere.example.test", state: "pending" });

    const outcome = resolveSsoSignIn(person("inv-1", "INVITEE@elsewhere.example.test", { name: "In Vitee" }));
    expect(outcome).toMatchObject({ ok: true, how: "joined", user: { email: "invitee@elsewhere.example.test", name: "In Vitee", role: "admin", passwordHash: "" } });
    expect(inviteState(token).state).toBe("used");
    // The same identity comes back to the same account, and the spent invite makes no second one.
    const again = resolveSsoSignIn(person("inv-1", "invitee@elsewhere.example.test"));
    expect(again).toMatchObject({ ok: true, how: "subject" });
    expect(again.ok && outcome.ok && again.user.id).toBe(outcome.ok && outcome.user.id);
  });

  it("joins an allowed domain as a member; the domain list is case-insensitive", () => {
    expect(resolveSsoSignIn(person("d1", "dee@songs.example.test"))).toMatchObject({ ok: true, how: "joined", user: { role: "member" } });
    expect(resolveSsoSignIn(person("d2", "ess@studio.example.test"))).toMatchObject({ ok: true, how: "joined" });
    // A subdomain is not the domain.
    expect(resolveSsoSignIn(person("d3", "x@evil.songs.example.test"))).toEqual({ ok: false, reason: "not_invited" });
  });

  it("refuses an uninvited person from another domain and makes no account", () => {
    expect(resolveSsoSignIn(person("out", "stranger@other.example.test"))).toEqual({ ok: false, reason: "not_invited" });
    expect(getUserByEmail("stranger@other.example.test")).toBeUndefined();
    // An expired or spent invite does not count, and neither does one for another address.
    createInvite(owner, "member", "someone-else@other.example.test");
    expect(resolveSsoSignIn(person("out", "stranger@other.example.test"))).toEqual({ ok: false, reason: "not_invited" });
  });

  it("never joins or links an unverified email", () => {
    createInvite(owner, "member", "unverified@other.example.test");
    expect(resolveSsoSignIn(person("u1", "unverified@other.example.test", { email_verified: false }))).toEqual({ ok: false, reason: "unverified" });
    expect(resolveSsoSignIn(person("u2", "new@songs.example.test", { email_verified: undefined }))).toEqual({ ok: false, reason: "unverified" });
    expect(getUserByEmail("unverified@other.example.test")).toBeUndefined();
    // The owner's email, claimed by an unverified identity, is not taken over.
    expect(resolveSsoSignIn(person("u3", "owner@example.test", { email_verified: false }))).toEqual({ ok: false, reason: "unverified" });
    expect(getUserById(owner.id)!.oidcSubject).toBeNull();
    expect(resolveSsoSignIn({ sub: "u4" })).toEqual({ ok: false, reason: "no_email" });
  });

  it("links an existing password account by verified email; its password still works", async () => {
    const outcome = resolveSsoSignIn(person("own", "Owner@Example.test"));
    expect(outcome).toMatchObject({ ok: true, how: "linked", user: { id: owner.id, oidcSubject: `${ISSUER}|own` } });
    expect(linkedIdentity(owner.id)).toEqual({ provider: "Team ID", hasPassword: true });
    expect(await checkCredentials({ email: "owner@example.test", password: "owner passphrase" }, { ip: "192.0.2.1" })).toMatchObject({ ok: true });
    // Another identity with the same email cannot take the linked account.
    expect(resolveSsoSignIn(person("impostor", "owner@example.test"))).toEqual({ ok: false, reason: "linked_elsewhere" });
    expect(getUserById(owner.id)!.oidcSubject).toBe(`${ISSUER}|own`);
  });

  it("refuses a disabled account by identity and by email", async () => {
    const member = insertUser({ email: "mem@example.test", name: "Mem", passwordHash: await hashPassword("member passphrase"), role: "member" });
    setUserDisabled(member.id, true);
    expect(resolveSsoSignIn(person("m1", "mem@example.test"))).toEqual({ ok: false, reason: "disabled" });
    expect(getUserById(member.id)!.oidcSubject).toBeNull();
    const joined = resolveSsoSignIn(person("j1", "jay@songs.example.test"));
    expect(joined.ok).toBe(true);
    setUserDisabled(joined.ok ? joined.user.id : "", true);
    expect(resolveSsoSignIn(person("j1", "jay@songs.example.test"))).toEqual({ ok: false, reason: "disabled" });
  });

  it("keys identities by issuer: the same subject at another issuer is another person", () => {
    const first = resolveSsoSignIn(person("same", "one@songs.example.test"));
    db.setEnv({ ...SSO_ENV, OIDC_ISSUER: "https://other-id.example.test" });
    expect(oidcSubjectOf("https://other-id.example.test", "same")).not.toBe(first.ok && first.user.oidcSubject);
    expect(resolveSsoSignIn(person("same", "two@studio.example.test"))).toMatchObject({ ok: true, how: "joined", user: { email: "two@studio.example.test" } });
  });

  it("an account made by single sign-on has no password: no typed password signs it in", async () => {
    const outcome = resolveSsoSignIn(person("np", "nopass@songs.example.test"));
    expect(outcome.ok && outcome.user.passwordHash).toBe("");
    expect(await verifyPassword("", "")).toBe(false);
    expect(await verifyPassword("anything", "")).toBe(false);
    for (const password of ["", "x", "nopass@songs.example.test"]) {
      expect(await checkCredentials({ email: "nopass@songs.example.test", password }, { ip: "192.0.2.2" })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(linkedIdentity(outcome.ok ? outcome.user.id : "")).toEqual({ provider: "Team ID", hasPassword: false });
  });

  it("an invite made out to an email accepts only that email through the password form", async () => {
    const { token } = createInvite(owner, "member", "only@example.test");
    await expect(acceptInvite(token, { email: "other@example.test", name: "Other", password: "newcomer passphrase" })).rejects.toMatchObject({
      code: "validation",
      details: { email: ["inviteEmailMismatch"] },
    });
    expect(inviteState(token).state).toBe("valid");
    const user = await acceptInvite(token, { email: "Only@Example.test", name: "Only", password: "newcomer passphrase" });
    expect(user.email).toBe("only@example.test");
    expect(inviteState(token).state).toBe("used");
    // Spent by the form, it no longer lets that address join by single sign-on as someone new: it links instead.
    expect(resolveSsoSignIn(person("only", "only@example.test"))).toMatchObject({ ok: true, how: "linked", user: { id: user.id } });
  });

  it("refuses an invite by email for an address that already has an account", () => {
    expect(() => createInvite(owner, "member", "owner@example.test")).toThrow(expect.objectContaining({ code: "conflict" }));
  });
});
