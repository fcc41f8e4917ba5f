import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { account, completeSetup, createUser, signedInPage, signIn, signOut, startApp, type RunningApp } from "./fixtures";

// The foundation journeys: first run, sign-in and out, invites, roles, revocation.

let app: RunningApp;
const owner = account("owner");

test.describe.configure({ mode: "serial" });
test.use({ locale: "en-US" });

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

test("a fresh install sends every page to /setup, creates the owner, then /setup is gone", async ({ page }) => {
  await page.goto(`${app.url}/library`);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await page.getByLabel("Name").fill(owner.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(owner.name);

  await completeSetup(page, app, owner);
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  const setupAgain = await page.goto(`${app.url}/setup`);
  expect(setupAgain?.status()).toBe(404);
  // Inside the sign-in card: one main landmark, one logo, the plain message.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("main").getByText("Songloft", { exact: true })).toHaveCount(1);
});

test("sign out, a wrong password is refused, then sign in", async ({ page }) => {
  await signIn(page, app, owner);
  await expect(page.getByTestId("current-user")).toHaveText(owner.name);
  await signOut(page);
  await page.goto(`${app.url}/settings`);
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings/);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("wrong password entirely");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("The email or password is wrong.");
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId("current-user")).toHaveText(owner.name);
});

test("the owner invites a member who accepts, signs in, and cannot open admin pages; the link then reads as used", async ({ browser }) => {
  const admin = await signedInPage(browser, app, owner);
  await admin.goto(`${app.url}/admin/users`);
  await admin.getByRole("button", { name: "Create invite link" }).click();
  const link = await admin.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);

  const member = account("member");
  const guest = await (await browser.newContext({ locale: "en-US" })).newPage();
  await guest.goto(link);
  await guest.getByLabel("Name").fill(member.name);
  await guest.getByLabel("Email").fill(member.email);
  await guest.getByLabel("Password", { exact: true }).fill(member.password);
  await guest.getByLabel("Confirm password").fill(member.password);
  await guest.getByRole("button", { name: "Join the team" }).click();
  await expect(guest.getByTestId("current-user")).toHaveText(member.name);
  await expect(guest.getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/providers", "/admin/usage"]) {
    const res = await guest.goto(`${app.url}${path}`);
    expect(res?.status(), path).toBe(404);
  }
  await guest.goto(`${app.url}/settings`);
  await signOut(guest);
  await signIn(guest, app, member);
  await expect(guest.getByTestId("current-user")).toHaveText(member.name);

  const reused = await (await browser.newContext()).newPage();
  await reused.goto(link);
  await expect(reused.getByText("This invite was already used")).toBeVisible();

  await admin.reload();
  await expect(admin.getByTestId(`member-${member.email}`)).toContainText("Member");
});

test("a disabled member is signed out on the next request, and enabling restores access", async ({ browser }) => {
  const member = account("disabled");
  const admin = await signedInPage(browser, app, owner);
  await admin.goto(`${app.url}/admin/users`);
  await admin.getByRole("button", { name: "Create invite link" }).click();
  const link = await admin.getByTestId("invite-link").inputValue();
  const memberPage = await (await browser.newContext({ locale: "en-US" })).newPage();
  await memberPage.goto(link);
  await memberPage.getByLabel("Name").fill(member.name);
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password", { exact: true }).fill(member.password);
  await memberPage.getByLabel("Confirm password").fill(member.password);
  await memberPage.getByRole("button", { name: "Join the team" }).click();
  await expect(memberPage.getByTestId("current-user")).toHaveText(member.name);

  await admin.reload();
  const row = admin.getByTestId(`member-${member.email}`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  await memberPage.goto(`${app.url}/settings`);
  await expect(memberPage).toHaveURL(/\/login/);
  await signIn(memberPage, app, member);
  await expect(memberPage.getByTestId("form-error")).toHaveText("The email or password is wrong.");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Active");
  await signIn(memberPage, app, member);
  await expect(memberPage.getByTestId("current-user")).toHaveText(member.name);
});

test("the owner's role and access have no controls, even for another admin", async ({ browser }) => {
  const deputy = account("deputy");
  createUser(app, deputy, "admin");
  const page = await signedInPage(browser, app, deputy);
  await page.goto(`${app.url}/admin/users`);
  const ownerRow = page.getByTestId(`member-${owner.email}`);
  await expect(ownerRow).toContainText("Owner");
  await expect(ownerRow).toContainText("The owner stays an admin");
  await expect(ownerRow.getByRole("button")).toHaveCount(0);
  const deputyRow = page.getByTestId(`member-${deputy.email}`);
  await expect(deputyRow).not.toContainText("Owner");
  await expect(deputyRow.getByRole("button", { name: "Make member" })).toBeVisible();
});

test("changing the password keeps this session and ends the others", async ({ browser }) => {
  const first = await signedInPage(browser, app, owner);
  const second = await signedInPage(browser, app, owner);
  await first.goto(`${app.url}/settings`);
  await first.getByLabel("Current password").fill("not my password");
  await first.getByLabel("New password", { exact: true }).fill("another good passphrase");
  await first.getByLabel("Confirm new password").fill("another good passphrase");
  await first.getByRole("button", { name: "Change password" }).click();
  await expect(first.getByText("The current password is wrong.")).toBeVisible();

  const newPassword = `${owner.password} v2`;
  await first.getByLabel("Current password").fill(owner.password);
  await first.getByLabel("New password", { exact: true }).fill(newPassword);
  await first.getByLabel("Confirm new password").fill(newPassword);
  await first.getByRole("button", { name: "Change password" }).click();
  await expect(first.getByText("Password changed.")).toBeVisible();
  owner.password = newPassword;

  await first.goto(`${app.url}/settings`);
  await expect(first.getByTestId("current-user")).toHaveText(owner.name);
  await second.goto(`${app.url}/settings`);
  await expect(second).toHaveURL(/\/login/);
});

test("the interface follows Accept-Language and the choice in settings", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${app.url}/login`);
  await expect(page.getByRole("heading", { name: "登录 Songloft" })).toBeVisible();
  await page.getByLabel("邮箱").fill(owner.email);
  await page.getByLabel("密码").fill(owner.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("link", { name: "我的曲库" })).toBeVisible();
  await page.goto(`${app.url}/settings`);
  await page.getByLabel("语言").selectOption("en");
  await page.getByRole("button", { name: "保存语言" }).click();
  await expect(page.getByRole("link", { name: "Library" })).toBeVisible();
});

test("API tokens: created once, listed with last use, revoked", async ({ browser, request }) => {
  const page = await signedInPage(browser, app, owner);
  await page.goto(`${app.url}/settings`);
  await page.getByLabel("Token name").fill("backup script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^slt_/);
  const ok = await request.get(`${app.url}/api/v1/providers`, { headers: { Authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  await page.reload();
  const table = page.getByTestId("tokens-table");
  await expect(table).toContainText("backup script");
  await expect(table).toContainText(token.slice(-4));
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await table.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  const revoked = await request.get(`${app.url}/api/v1/providers`, { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
});

test("a session cookie counts only when sealed with this server's secret, unexpired and current (SEC-4)", async () => {
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

test("a session ends 30 days after sign-in, however often the cookie was refreshed (SEC-18)", async () => {
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

