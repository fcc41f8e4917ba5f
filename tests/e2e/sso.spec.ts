import { test, type Browser, type Page } from "@playwright/test";
import { catalogs } from "../../lib/i18n/catalog";
import { startOidcServer, type RunningOidcServer } from "../support/oidc-server";
import { account, createUser, expect, newPage, startApp, type RunningApp } from "./fixtures";
import { AdminUsersPage } from "./pages/admin-users-page";
import { LoginPage } from "./pages/login-page";
import { SettingsPage } from "./pages/settings-page";
import { SsoSignIn } from "./pages/sso-provider-page";
import { StudioPage } from "./pages/studio-page";

// Single sign-on end to end: a real OpenID Connect provider (oidc-provider) on
// 127.0.0.1, the production app configured with it, and Chromium going through the
// provider's own login and consent pages. Who may come in: an email an admin invited,
// an allowed domain, an existing account (linked by verified email); who may not: an
// uninvited stranger and a disabled account.

const PROVIDER = "Test ID";
const admin = account("admin");
const linked = account("linked");
const disabled = account("disabled");
const people = {
  invitee: { email: "invitee@elsewhere.example.test", emailVerified: true, name: "Ivy Invitee" },
  ivo: { email: "ivo@elsewhere.example.test", emailVerified: true, name: "Ivo Linkfollower" },
  dana: { email: "dana@songs.example.test", emailVerified: true, name: "Dana Domain" },
  stranger: { email: "stranger@other.example.test", emailVerified: true, name: "Sam Stranger" },
  linked: { email: linked.email, emailVerified: true, name: "Linked at the provider" },
  disabled: { email: disabled.email, emailVerified: true, name: "Disabled at the provider" },
};

// The provider and the app need each other's address: the provider listens first, the
// app starts with it as OIDC_ISSUER, then the provider registers the app's redirect URI.
let oidc: RunningOidcServer;
let app: RunningApp;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  oidc = await startOidcServer({ accounts: people });
  app = await startApp({
    env: { OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: oidc.clientId, OIDC_CLIENT_SECRET: oidc.clientSecret, OIDC_NAME: PROVIDER, OIDC_ALLOWED_DOMAINS: "songs.example.test" },
  });
  await oidc.registerClient(`${app.url}/api/auth/callback/oidc`);
  createUser(app, admin, "admin");
  createUser(app, linked);
  createUser(app, disabled);
});

test.afterEach(async ({}, testInfo) => {
  // What the server said helps most when a sign-in went somewhere unexpected.
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("server output", { body: app.output(), contentType: "text/plain" });
});

test.afterAll(async () => {
  await app?.stop();
  await oidc?.stop();
});

async function freshPage(browser: Browser, locale = "en-US") {
  return newPage(browser, app, locale);
}

async function signedInAdmin(browser: Browser) {
  const page = await freshPage(browser);
  await new LoginPage(page).signInAs(admin);
  return new AdminUsersPage(page);
}

async function expectSignedInAs(page: Page, name: string) {
  await expect(new StudioPage(page).currentUser).toHaveText(name);
}

test("the login page offers single sign-on beside the password form", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/login");
  const sso = new SsoSignIn(page, PROVIDER);
  await expect(sso.button).toBeVisible();
  const login = new LoginPage(page);
  await expect(login.email).toBeVisible();
  await expect(login.password).toBeVisible();
  await page.context().close();
});

test("an admin invites an email; that person signs in at the provider and lands in the library, signed in", async ({ browser }) => {
  const adminUsers = await signedInAdmin(browser);
  await adminUsers.createInvite("Invitee@Elsewhere.example.test");
  await expect(adminUsers.inviteRows().first()).toContainText(people.invitee.email);
  await expect(adminUsers.inviteRows().first()).toContainText("Waiting");

  const page = await freshPage(browser);
  await page.goto("/login");
  await new SsoSignIn(page, PROVIDER).signInAtProvider(oidc.issuer, "invitee");
  await expect(page).toHaveURL(`${app.url}/`);
  await expectSignedInAs(page, people.invitee.name);
  // The invite is spent, and the account shows the identity it is linked to.
  await adminUsers.goto();
  await expect(adminUsers.inviteRows().first()).toContainText("Used");
  await expect(adminUsers.memberRow(people.invitee.email)).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByTestId("linked-identity")).toHaveText(`Linked to ${PROVIDER}: you can sign in with ${PROVIDER}.`);
  await page.context().close();
  await adminUsers.page.context().close();
});

test("the invite link of an emailed invite offers the provider too, and the invite's role comes along", async ({ browser }) => {
  const adminUsers = await signedInAdmin(browser);
  const link = await adminUsers.createInvite(people.ivo.email, "admin");

  const page = await freshPage(browser);
  await page.goto(link);
  await expect(page.getByTestId("invite-for")).toHaveText(`This invite is for ${people.ivo.email}.`);
  await expect(page.getByLabel("Email")).toHaveValue(people.ivo.email);
  const sso = new SsoSignIn(page, PROVIDER);
  await sso.joinButton.click();
  await sso.continueAtProvider(oidc.issuer, "ivo");
  await expectSignedInAs(page, people.ivo.name);
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  for (const p of [page, adminUsers.page]) await p.context().close();
});

test("a person of an allowed domain joins without an invite, and comes back to where they were going", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings/);
  await new SsoSignIn(page, PROVIDER).signInAtProvider(oidc.issuer, "dana");
  await expect(page).toHaveURL(`${app.url}/settings`);
  await expectSignedInAs(page, people.dana.name);
  await page.context().close();
});

test("an uninvited person of another domain is refused in plain words, and no account is made", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/login");
  const sso = new SsoSignIn(page, PROVIDER);
  await sso.signInAtProvider(oidc.issuer, "stranger");
  await expect(page).toHaveURL(/\/login\?error=sso_not_invited/);
  await expect(sso.error).toHaveText(`Your account at ${PROVIDER} is not invited to this team. Ask an admin for an invite.`);
  await expect(new StudioPage(page).currentUser).toHaveCount(0);
  // Still signed out: a page sends them back to sign in.
  await page.goto("/library");
  await expect(page).toHaveURL(/\/login\?next=%2Flibrary/);

  // The same refusal in Chinese.
  const zh = await freshPage(browser, "zh-CN");
  await zh.goto("/login?error=sso_not_invited");
  await expect(new SsoSignIn(zh, PROVIDER, catalogs["zh-CN"]).error).toHaveText(`你在 ${PROVIDER} 的账号未受邀加入此团队。请向管理员索取邀请。`);

  const adminUsers = await signedInAdmin(browser);
  await adminUsers.goto();
  await expect(adminUsers.memberRow(people.invitee.email)).toBeVisible();
  await expect(adminUsers.memberRow(people.stranger.email)).toHaveCount(0);
  for (const p of [page, zh, adminUsers.page]) await p.context().close();
});

test("an existing password account links by verified email and can still sign in with its password", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/login");
  await new SsoSignIn(page, PROVIDER).signInAtProvider(oidc.issuer, "linked");
  // The existing account, under its own name (not the provider's).
  await expectSignedInAs(page, linked.name);
  await new SettingsPage(page).goto();
  await expect(page.getByTestId("linked-identity")).toBeVisible();
  await page.context().close();

  const withPassword = await freshPage(browser);
  await new LoginPage(withPassword).signInAs(linked);
  await withPassword.context().close();

  const adminUsers = await signedInAdmin(browser);
  await adminUsers.goto();
  // One account for that email: linked, not duplicated.
  await expect(adminUsers.memberRow(linked.email)).toHaveCount(1);
  await adminUsers.page.context().close();
});

test("a disabled account is refused by single sign-on", async ({ browser }) => {
  const adminUsers = await signedInAdmin(browser);
  await adminUsers.goto();
  await adminUsers.memberRow(disabled.email).getByRole("button", { name: "Disable" }).click();
  await expect(adminUsers.memberRow(disabled.email).getByRole("button", { name: "Enable" })).toBeVisible();

  const page = await freshPage(browser);
  await page.goto("/login");
  const sso = new SsoSignIn(page, PROVIDER);
  await sso.signInAtProvider(oidc.issuer, "disabled");
  await expect(sso.error).toHaveText("This Songloft account is disabled. Ask an admin to enable it.");
  await expect(new StudioPage(page).currentUser).toHaveCount(0);
  for (const p of [page, adminUsers.page]) await p.context().close();
});

test("a password cannot sign in to an account made by single sign-on", async ({ browser }) => {
  const page = await freshPage(browser);
  const login = new LoginPage(page);
  await login.signIn({ email: people.dana.email, password: "any password at all" });
  await expect(login.formError).toHaveText("The email or password is wrong.");
  await page.context().close();
});
