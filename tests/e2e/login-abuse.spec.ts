import { expect, test } from "@playwright/test";
import { account, completeSetup, createUser, signIn, signOut, startApp, type RunningApp } from "./fixtures";

// SEC-14 against the real server: the client address is the socket's unless TRUST_PROXY
// says otherwise, hashes in flight are capped (429), and a browser that signed in before
// is not locked out by someone else's failures.

type Outcome = "ok" | "invalid" | "throttled" | "busy";

/** A sign-in through Auth.js's own endpoint, as a script would do it: the CSRF step first, then `submit`. */
async function prepareSignIn(app: RunningApp, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${app.url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { submit: () => submitSignIn(app, { email, password, csrfToken, cookie, headers }) };
}

async function signInOverHttp(app: RunningApp, email: string, password: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return (await prepareSignIn(app, email, password, headers)).submit();
}

async function submitSignIn(
  app: RunningApp,
  { email, password, csrfToken, cookie, headers }: { email: string; password: string; csrfToken: string; cookie: string; headers: Record<string, string> },
): Promise<Outcome> {
  const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${app.url}/` }),
  });
  if (res.status === 429) {
    const { error } = (await res.json()) as { error: { message: string } };
    return /right now/.test(error.message) ? "busy" : "throttled";
  }
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "/", app.url);
  if (location.searchParams.get("code") === "throttled") return "throttled";
  return location.searchParams.has("error") ? "invalid" : "ok";
}

/** Runs `count` jobs, `width` at a time. */
async function inTurns<T>(count: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await job(i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

const randomAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}, 203.0.113.${Math.floor(Math.random() * 250) + 1}`;

test.describe("a browser that signed in before", () => {
  let app: RunningApp;
  test.beforeAll(async () => {
    app = await startApp();
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("keeps its way in while a stranger's failures lock the account for everyone else", async ({ browser }) => {
    const owner = account("owner");
    const mine = await (await browser.newContext({ locale: "en-US" })).newPage();
    await completeSetup(mine, app, owner);

    // Someone else guesses until the account is throttled.
    const guesses = await inTurns(6, 1, (i) => signInOverHttp(app, owner.email, `not it ${i}`));
    expect(guesses).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "throttled"]);

    const elsewhere = await (await browser.newContext({ locale: "en-US" })).newPage();
    await signIn(elsewhere, app, owner);
    await expect(elsewhere.getByTestId("form-error")).toHaveText("Too many failed attempts. Wait a few minutes and try again.");

    await signOut(mine);
    await signIn(mine, app, owner);
    await expect(mine.getByTestId("current-user")).toHaveText(owner.name);

    // What it carries: a signed, HttpOnly cookie that outlives any session.
    const device = (await mine.context().cookies()).find((c) => c.name === "songloft-device");
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
  });
});

test.describe("without TRUST_PROXY", () => {
  let app: RunningApp;
  test.beforeAll(async () => {
    app = await startApp();
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("a forged X-Forwarded-For buys no fresh attempts: the socket's address is counted", async () => {
    const member = account("member");
    createUser(app, member);
    const failures = await inTurns(30, 2, (i) => signInOverHttp(app, `nobody${i}@example.test`, "not a member", { "x-forwarded-for": randomAddress() }));
    expect(failures.every((f) => f === "invalid")).toBe(true);
    expect(await signInOverHttp(app, member.email, member.password, { "x-forwarded-for": randomAddress() })).toBe("throttled");
  });
});

test.describe("with TRUST_PROXY=1 (one proxy in front)", () => {
  let app: RunningApp;
  test.beforeAll(async () => {
    app = await startApp({ env: { TRUST_PROXY: "1" } });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("a flood of sign-ins hashes only a few at a time and turns the rest away with 429", async () => {
    const member = account("member");
    createUser(app, member);
    const ready = await Promise.all(Array.from({ length: 12 }, (_, i) => prepareSignIn(app, `flood${i}@example.test`, "not a member", { "x-forwarded-for": `192.0.2.${i + 1}` })));
    const flood = await Promise.all(ready.map((r) => r.submit()));
    expect(flood.filter((o) => o === "busy").length).toBeGreaterThanOrEqual(8);
    expect(flood.every((o) => o === "busy" || o === "invalid")).toBe(true);
    // Once the flood has passed, a member signs in as usual.
    expect(await signInOverHttp(app, member.email, member.password, { "x-forwarded-for": "192.0.2.200" })).toBe("ok");
  });
});
