import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { catalogs } from "../../lib/i18n/catalog";
import { account, createUser, expect, newPage, test } from "./fixtures";
import { InvitePage, ResetPage, SetupPage } from "./pages/account-pages";
import { AdminUsersPage } from "./pages/admin-users-page";
import { LoginPage } from "./pages/login-page";
import { SettingsPage } from "./pages/settings-page";
import { StudioPage } from "./pages/studio-page";

// The foundation journeys: first run, sign-in and out, invites, roles, revocation.

const owner = account("owner");

test.describe.configure({ mode: "serial" });
test.use({ appEnv: {} });

test("a fresh install sends every page to /setup, creates the owner, then /setup is gone", async ({ page }) => {
  const setup = new SetupPage(page);
  await page.goto("/library");
  await expect(page).toHaveURL(/\/setup$/);
  await setup.submit.click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await setup.name.fill(owner.name);
  await setup.email.fill("not-an-email");
  await setup.password.fill("short");
  await setup.confirm.fill("different");
  await setup.submit.click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await expect(setup.name).toHaveValue(owner.name);

  await setup.complete(owner);
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  const setupAgain = await page.goto("/setup");
  expect(setupAgain?.status()).toBe(404);
  // Inside the sign-in card: one main landmark, one logo, the plain message.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("main").getByText("Songloft", { exact: true })).toHaveCount(1);
});

test("sign out, a wrong password is refused, then sign in", async ({ page }) => {
  const login = new LoginPage(page);
  await login.signIn(owner);
  const studio = new StudioPage(page);
  await expect(studio.currentUser).toHaveText(owner.name);
  await studio.signOut();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings/);
  await login.submitCredentials({ email: owner.email, password: "wrong password entirely" });
  await expect(login.formError).toHaveText("The email or password is wrong.");
  await login.password.fill(owner.password);
  await login.submit.click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(studio.currentUser).toHaveText(owner.name);
});

test("the owner invites a member who accepts, signs in, and cannot open admin pages; the link then reads as used", async ({ app, browser, signedInAs }) => {
  const users = new AdminUsersPage(await signedInAs(owner));
  const link = await users.createInvite();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);

  const member = account("member");
  const guest = await newPage(browser, app);
  await new InvitePage(guest).join(link, member);
  await expect(guest.getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const adminPath of ["/admin", "/admin/users", "/admin/providers", "/admin/usage"]) {
    const res = await guest.goto(adminPath);
    expect(res?.status(), adminPath).toBe(404);
  }
  await guest.goto("/settings");
  await new StudioPage(guest).signOut();
  await new LoginPage(guest).signInAs(member);

  const reused = await newPage(browser, app);
  await reused.goto(link);
  await expect(reused.getByText("This invite was already used")).toBeVisible();

  await users.page.reload();
  await expect(users.memberRow(member.email)).toContainText("Member");
});

test("a disabled member is signed out on the next request, and enabling restores access", async ({ app, browser, signedInAs }) => {
  const member = account("disabled");
  const users = new AdminUsersPage(await signedInAs(owner));
  const link = await users.createInvite();
  const memberPage = await newPage(browser, app);
  await new InvitePage(memberPage).join(link, member);

  await users.page.reload();
  const row = users.memberRow(member.email);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  const login = new LoginPage(memberPage);
  await memberPage.goto("/settings");
  await expect(memberPage).toHaveURL(/\/login/);
  await login.signIn(member);
  await expect(login.formError).toHaveText("The email or password is wrong.");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Active");
  await login.signInAs(member);
});

test("a locked-out member is back in through an admin's one-time reset link, and their old session ends", async ({ app, browser, signedInAs }) => {
  const member = account("forgetful");
  createUser(app, member);
  const oldSession = await signedInAs(member);

  const users = new AdminUsersPage(await signedInAs(owner));
  const link = await users.createResetLink(member.email);
  expect(link).toMatch(/\/reset\/[A-Za-z0-9_-]{40,}$/);
  await users.page.reload();
  await expect(users.memberRow(member.email)).toContainText("Reset link waiting");

  const guest = await newPage(browser, app);
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(guest.getByText(member.email)).toBeVisible();
  const reset = new ResetPage(guest);
  await reset.setPassword("a brand new passphrase", "something else entirely");
  await expect(guest.getByText("The passwords do not match.")).toBeVisible();
  await reset.setPassword("a brand new passphrase");
  await expect(guest.getByTestId("current-user")).toHaveText(member.name);

  // The session from before the reset is over; the old password no longer opens the account.
  await oldSession.goto("/settings");
  await expect(oldSession).toHaveURL(/\/login/);
  const login = new LoginPage(oldSession);
  await login.signIn(member);
  await expect(login.formError).toHaveText("The email or password is wrong.");
  await login.signInAs({ ...member, password: "a brand new passphrase" });

  const reused = await newPage(browser, app);
  await reused.goto(link);
  await expect(reused.getByText("This reset link was already used")).toBeVisible();
  await users.page.reload();
  await expect(users.memberRow(member.email)).not.toContainText("Reset link waiting");
});

test("the owner's role and access have no controls, even for another admin", async ({ app, signedInAs }) => {
  const deputy = account("deputy");
  createUser(app, deputy, "admin");
  const users = new AdminUsersPage(await signedInAs(deputy));
  await users.goto();
  const ownerRow = users.memberRow(owner.email);
  await expect(ownerRow).toContainText("Owner");
  await expect(ownerRow).toContainText("The owner stays an admin");
  await expect(ownerRow.getByRole("button")).toHaveCount(0);
  const deputyRow = users.memberRow(deputy.email);
  await expect(deputyRow).not.toContainText("Owner");
  await expect(deputyRow.getByRole("button", { name: "Make member" })).toBeVisible();
});

test("changing the password keeps this session and ends the others", async ({ signedInAs }) => {
  const first = new SettingsPage(await signedInAs(owner));
  const second = await signedInAs(owner);
  await first.goto();
  await first.changePassword("not my password", "another good passphrase");
  await expect(first.page.getByText("The current password is wrong.")).toBeVisible();

  const newPassword = `${owner.password} v2`;
  await first.changePassword(owner.password, newPassword);
  await expect(first.page.getByText("Password changed.")).toBeVisible();
  owner.password = newPassword;

  await first.goto();
  await expect(first.currentUser).toHaveText(owner.name);
  await second.goto("/settings");
  await expect(second).toHaveURL(/\/login/);
});

test("the interface follows Accept-Language and the choice in settings", async ({ app, browser }) => {
  const zh = catalogs["zh-CN"];
  const page = await newPage(browser, app, "zh-CN");
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录 Songloft" })).toBeVisible();
  await new LoginPage(page, zh).submitCredentials(owner);
  await expect(page.getByRole("link", { name: "我的曲库" })).toBeVisible();
  const settings = new SettingsPage(page, zh);
  await settings.goto();
  await settings.chooseLanguage("en");
  await expect(page.getByRole("link", { name: "Library" })).toBeVisible();
  await page.context().close();
});

test("API tokens: created once, listed with last use, revoked", async ({ signedInAs, request }) => {
  const page = await signedInAs(owner);
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("backup script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^slt_/);
  const ok = await request.get("/api/v1/providers", { headers: { Authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  await page.reload();
  const table = page.getByTestId("tokens-table");
  await expect(table).toContainText("backup script");
  await expect(table).toContainText(token.slice(-4));
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await table.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  const revoked = await request.get("/api/v1/providers", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
});
test("a session cookie counts only when sealed with this server's secret, unexpired and current (SEC-4)", async ({ app }) => {
  const db = new Database(path.join(app.dataDir, "songloft.db"), { readonly: true });
  const row = db.prepare("SELECT id, session_version AS sv FROM users WHERE email = ?").get(owner.email) as { id: string; sv: number };
  db.close();
  const secret = fs.readFileSync(path.join(app.dataDir, "secret"), "utf8").trim();
  const plain = "authjs.session-token";
  const secure = "__Secure-authjs.session-token";
  const seal = (options: { secret?: string; salt?: string; maxAge?: number; sv?: number }) =>
    encode({
      token: { sub: row.id, sv: options.sv ?? row.sv, auth_time: Math.floor(Date.now() / 1000) },
      secret: options.secret ?? secret,
      salt: options.salt ?? plain,
      maxAge: options.maxAge ?? 3600,
    });
  const open = (cookie: string) => fetch(`${app.url}/settings`, { headers: { cookie }, redirect: "manual" });

  const valid = await open(`${plain}=${await seal({})}`);
  expect(valid.status).toBe(200);
  expect(await valid.text()).toContain(owner.name);
  // An https sign-in sets the __Secure- name; its token is salted with that name.
  expect((await open(`${secure}=${await seal({ salt: secure })}`)).status).toBe(200);

  const refused = [
    `${plain}=${await seal({ secret: "another server's secret, long enough to derive a key" })}`,
    `${plain}=${await seal({ maxAge: -60 })}`,
    `${plain}=${await seal({ sv: row.sv + 1 })}`,
    `${secure}=${await seal({ salt: plain })}`,
  ];
  for (const cookie of refused) {
    const res = await open(cookie);
    expect(res.status, cookie.slice(0, 40)).toBe(307);
    expect(res.headers.get("location")).toContain("/login");
  }
});

test("a session ends 30 days after sign-in, however often the cookie was refreshed (SEC-18)", async ({ app }) => {
  const db = new Database(path.join(app.dataDir, "songloft.db"), { readonly: true });
  const row = db.prepare("SELECT id, session_version AS sv FROM users WHERE email = ?").get(owner.email) as { id: string; sv: number };
  db.close();
  const secret = fs.readFileSync(path.join(app.dataDir, "secret"), "utf8").trim();
  const day = 24 * 3600;
  // As /api/auth/session leaves a cookie it refreshed: fresh for 7 more days, signed in long ago.
  const cookieFor = async (signedInDaysAgo: number) =>
    `authjs.session-token=${await encode({
      token: { sub: row.id, sv: row.sv, auth_time: Math.floor(Date.now() / 1000) - signedInDaysAgo * day },
      secret,
      salt: "authjs.session-token",
      maxAge: 7 * day,
    })}`;

  const recent = await cookieFor(29);
  expect((await fetch(`${app.url}/settings`, { headers: { cookie: recent }, redirect: "manual" })).status).toBe(200);
  expect(await (await fetch(`${app.url}/api/auth/session`, { headers: { cookie: recent } })).json()).toMatchObject({ userId: row.id });

  const old = await cookieFor(31);
  const page = await fetch(`${app.url}/settings`, { headers: { cookie: old }, redirect: "manual" });
  expect(page.status).toBe(307);
  expect(page.headers.get("location")).toContain("/login");
  // Refreshing does not revive it: the session endpoint answers signed out and clears the cookie.
  const refresh = await fetch(`${app.url}/api/auth/session`, { headers: { cookie: old } });
  expect(await refresh.json()).toBeNull();
  expect(refresh.headers.getSetCookie().some((c) => /^authjs\.session-token=;/.test(c) || /authjs\.session-token=.*Max-Age=0/i.test(c))).toBe(true);
});
