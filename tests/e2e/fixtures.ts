import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startApp, type RunningApp } from "../support/app-server";
import { account, createUser, type Account } from "./helpers";
import { SetupPage } from "./pages/account-pages";
import { LoginPage } from "./pages/login-page";
import { StudioPage } from "./pages/studio-page";

export { expect };
export { SELF_URL, startApp, type RunningApp } from "../support/app-server";
export { account, actionId, createToken, createUser, generateSong, type Account } from "./helpers";

// Fixtures for the browser journeys, after vercel/ai-chatbot's tests/fixtures.ts.
//
// `app` is the production server on a fresh DATA_DIR, started once per worker. Each
// spec file declares its server with `test.use({ appEnv: {...} })` at its top: every
// such call is its own worker option, so Playwright gives the file its own worker and
// the file its own server and data; files never share state. `admin` and `member` are
// made once per server; `adminPage` / `memberPage` are signed in afresh for each test,
// each in its own browser context, and `signedInAs` opens more such pages.

interface WorkerFixtures {
  /** Environment for the file's server (providers, simulators, limits). */
  appEnv: Record<string, string> | undefined;
  app: RunningApp;
  admin: Account;
  member: Account;
}

interface TestFixtures {
  /** Opens a page signed in as the user, in its own context; closed after the test. */
  signedInAs: (user: Account) => Promise<Page>;
  adminPage: Page;
  memberPage: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appEnv: [undefined, { scope: "worker", option: true }],
  app: [
    async ({ appEnv }, provide) => {
      if (!appEnv) throw new Error("Declare the spec file's server at its top: test.use({ appEnv: {} })");
      const app = await startApp({ env: appEnv });
      await provide(app);
      await app.stop();
    },
    { scope: "worker" },
  ],
  admin: [
    async ({ app }, provide) => {
      const admin = account("admin");
      createUser(app, admin, "admin");
      await provide(admin);
    },
    { scope: "worker" },
  ],
  member: [
    async ({ app }, provide) => {
      const member = account("member");
      createUser(app, member);
      await provide(member);
    },
    { scope: "worker" },
  ],
  baseURL: async ({ app }, provide) => provide(app.url),
  locale: "en-US",
  signedInAs: async ({ browser, app }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (user) => {
      const page = await newPage(browser, app);
      contexts.push(page.context());
      await new LoginPage(page).signInAs(user);
      return page;
    });
    for (const context of contexts) await context.close();
  },
  adminPage: async ({ signedInAs, admin }, provide) => provide(await signedInAs(admin)),
  memberPage: async ({ signedInAs, member }, provide) => provide(await signedInAs(member)),
});

/** A page in a new browser context of its own (its own cookies), pointed at the app. */
export async function newPage(browser: Browser, app: RunningApp, locale = "en-US"): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, locale });
  return context.newPage();
}

// For the specs not yet moved to the fixtures and page objects.

export async function completeSetup(page: Page, app: RunningApp, owner: Account) {
  await new SetupPage(page).complete(owner, `${app.url}/setup`);
}

export async function signIn(page: Page, app: RunningApp, user: Pick<Account, "email" | "password">, path = "/login") {
  await new LoginPage(page).signIn(user, `${app.url}${path}`);
}

export async function signOut(page: Page) {
  await new StudioPage(page).signOut();
}

export async function signedInPage(browser: Browser, app: RunningApp, user: Account): Promise<Page> {
  const page = await newPage(browser, app);
  await new LoginPage(page).signInAs(user);
  return page;
}
