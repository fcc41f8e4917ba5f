import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { catalogs } from "../../lib/i18n/catalog";
import { startNewapiSimulator, startSunohubSimulator, type Fault, type Simulator } from "../simulators";
import { test as base, createToken, expect, generateSong, newPage } from "./fixtures";
import { ClipPage } from "./pages/clip-page";
import { CreatePage } from "./pages/create-page";
import { LoginPage } from "./pages/login-page";
import { SettingsPage } from "./pages/settings-page";

// A reader who chose 简体中文 sees every refusal in Chinese: vendor failures of each
// kind (our sentence for the code, then the vendor's own words only when it gave some,
// never Songloft's English passed off as the vendor's), an extend the server refuses,
// a password change with mistakes, and a wrong password at sign-in. Expected strings
// come from the catalogues, so the test follows the translation rather than a copy.

const zh = catalogs["zh-CN"];
const en = catalogs.en;
const steps = { queuedMs: 100, streamingMs: 200 };
const simKey = () => `sk-e2e-${crypto.randomBytes(8).toString("hex")}`;

// The file's server talks to two simulated vendors; one reader keeps one page, so the
// language she picks in the first journey holds for the rest.
type Api = (path: string, init?: RequestInit) => Promise<Response>;
const test = base.extend<object, { newapi: Simulator; sunohub: Simulator; reader: Page; api: Api; songId: string }>({
  newapi: [async ({}, provide) => serveSimulator(await startNewapiSimulator({ key: simKey(), steps }), provide), { scope: "worker" }],
  sunohub: [async ({}, provide) => serveSimulator(await startSunohubSimulator({ key: simKey(), steps }), provide), { scope: "worker" }],
  appEnv: [
    async ({ newapi, sunohub }, provide) => provide({ NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key, SUNOHUB_BASE_URL: sunohub.url, SUNOHUB_API_KEY: sunohub.key }),
    { scope: "worker" },
  ],
  api: [
    async ({ app, member }, provide) => {
      const token = createToken(app, member.email);
      await provide((path, init = {}) =>
        fetch(`${app.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": crypto.randomUUID() } }),
      );
    },
    { scope: "worker" },
  ],
  songId: [
    async ({ app, member }, provide) => {
      const [songId] = await generateSong(app, createToken(app, member.email), {
        provider: "demo",
        mode: "inspiration",
        description: "a quiet song about a harbour",
        model: "v4.5",
      });
      await provide(songId);
    },
    { scope: "worker" },
  ],
  reader: [
    async ({ browser, app, member }, provide) => {
      const page = await newPage(browser, app);
      await new LoginPage(page).signInAs(member);
      await provide(page);
      await page.context().close();
    },
    { scope: "worker" },
  ],
});

async function serveSimulator(sim: Simulator, provide: (sim: Simulator) => Promise<void>) {
  await provide(sim);
  await sim.stop();
}

test.describe.configure({ mode: "serial" });

interface TaskJson {
  id: string;
  status: string;
  error: { code: string; message: string; vendorMessage: string | null } | null;
}

/** Submits through the API; a refused submit answers 502 with the failed task in its details. */
async function submit(api: Api, provider: string): Promise<TaskJson> {
  const res = await api("/api/v1/generations", { method: "POST", body: JSON.stringify({ provider, mode: "inspiration", description: "a song about the sea" }) });
  const body = (await res.json()) as { task?: TaskJson; error?: { details: { task: TaskJson } } };
  return body.task ?? body.error!.details.task;
}

async function failedTask(api: Api, provider: string): Promise<TaskJson> {
  const { id } = await submit(api, provider);
  let task: TaskJson | undefined;
  await expect.poll(async () => (task = ((await (await api(`/api/v1/tasks/${id}`)).json()) as { task: TaskJson }).task).status, { timeout: 30_000 }).toBe("failed");
  return task!;
}

test("Settings → language switches the studio to Chinese", async ({ reader: page }) => {
  const settings = new SettingsPage(page, en);
  await settings.goto();
  await settings.chooseLanguage("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: zh.settings.language })).toBeVisible();
});

const VENDOR_FAILURES: Array<{ name: string; provider: "newapi" | "sunohub"; fault?: Fault; code: keyof typeof zh.tasks.errors; vendorWords: boolean }> = [
  { name: "a rejected key", provider: "newapi", fault: { kind: "fixture", name: "error_401_invalid_token" }, code: "auth", vendorWords: true },
  { name: "no credit", provider: "newapi", fault: { kind: "fixture", name: "error_403_insufficient_user_quota" }, code: "quota", vendorWords: true },
  { name: "moderation", provider: "sunohub", fault: { kind: "fixture", name: "error_403_moderation" }, code: "moderation", vendorWords: true },
  { name: "an invalid request", provider: "newapi", fault: { kind: "fixture", name: "error_400_invalid_request" }, code: "bad_request", vendorWords: true },
  { name: "no channel", provider: "newapi", fault: { kind: "fixture", name: "error_503_no_channel" }, code: "vendor_unavailable", vendorWords: true },
  { name: "too many requests", provider: "newapi", fault: { kind: "rate-limit", retryAfter: 30 }, code: "rate_limited", vendorWords: true },
  { name: "a dropped connection", provider: "newapi", fault: { kind: "reset" }, code: "vendor_unavailable", vendorWords: false },
  { name: "an HTML error page", provider: "newapi", fault: { kind: "html" }, code: "bad_response", vendorWords: false },
  { name: "an answer cut in half", provider: "sunohub", fault: { kind: "truncated" }, code: "bad_response", vendorWords: false },
  { name: "a song the vendor could not make", provider: "newapi", code: "generation_failed", vendorWords: true },
];

test("vendor failures of every kind read in Chinese, with the vendor's words only when it gave some", async ({ reader: page, api, newapi, sunohub }) => {
  for (const { name, provider, fault, code, vendorWords } of VENDOR_FAILURES) {
    const sim = provider === "newapi" ? newapi : sunohub;
    if (fault) sim.control.inject("submit", fault, 1);
    else sim.control.failNextTask();
    const task = await failedTask(api, provider);
    expect(task.error?.code, name).toBe(code);
    expect(Boolean(task.error?.vendorMessage), `${name}: vendor words`).toBe(vendorWords);

    await page.goto(`/tasks/${task.id}`);
    const alert = page.getByTestId("task-error");
    const lines = alert.locator("p");
    await expect(lines.first(), name).toHaveText(zh.tasks.errors[code]);
    if (task.error?.vendorMessage) await expect(lines.nth(1), name).toHaveText(zh.tasks.vendorSaid.replace("{message}", task.error.vendorMessage));
    else await expect(lines, name).toHaveCount(1);
    // The API's English sentence stays in the API (a failed generation's message is the vendor's reason itself).
    if (task.error!.message !== task.error!.vendorMessage) await expect(alert, name).not.toContainText(task.error!.message);
    await expect(alert, name).not.toContainText(en.tasks.errors[code]);
  }
});

test("a failure on the create page reads in Chinese too", async ({ reader: page, newapi }) => {
  newapi.control.inject("submit", { kind: "fixture", name: "error_403_insufficient_user_quota" }, 1);
  const create = new CreatePage(page, zh);
  await create.goto();
  await create.provider.selectOption("newapi");
  await create.submitDescription("一首关于海港的歌");
  const alert = create.firstCard.getByTestId("task-error");
  await expect(alert.locator("p").first()).toHaveText(zh.tasks.errors.quota);
  await expect(alert.locator("p").nth(1)).toHaveText(zh.tasks.vendorSaid.replace("{message}", "user quota is not enough"));
  await expect(alert).not.toContainText("Not enough credit at the vendor.");
});

test("an extend the server refuses says why in Chinese", async ({ reader: page, api, songId }) => {
  const clip = new ClipPage(page, zh);
  await clip.gotoExtend(`/clips/${songId}`);
  await clip.continueAt.fill("59:00");
  await clip.extendSubmit.click();
  await expect(page.locator("#extend-continueAt-hint")).toHaveText(zh.create.errors.continueAtInvalid);

  // The song goes to the trash while the form is open: the refusal is ours, in Chinese.
  await page.reload();
  expect((await api(`/api/v1/clips/${songId}`, { method: "DELETE" })).status).toBeLessThan(300);
  try {
    await clip.extendSubmit.click();
    await expect(page.getByTestId("form-error")).toHaveText(zh.common.errors.clipNotFound);
    await expect(page.getByTestId("extend-form")).not.toContainText("Clip not found.");
  } finally {
    await api(`/api/v1/clips/${songId}/restore`, { method: "POST" });
  }
});

test("mistakes in a password change read in Chinese", async ({ reader: page, member: mei }) => {
  const settings = new SettingsPage(page, zh);
  await settings.goto();
  const form = settings.passwordForm;

  await settings.changePassword("not my password", "a much longer passphrase 42", "a much longer passphrase 42");
  await expect(page.locator("#field-current-error")).toHaveText(zh.auth.errors.currentPasswordWrong);
  await expect(form).not.toContainText(en.auth.errors.currentPasswordWrong);

  await settings.changePassword(mei.password, "a much longer passphrase 42", "a different passphrase 42");
  await expect(page.locator("#field-confirm-error")).toHaveText(zh.auth.errors.passwordMismatch);

  await settings.changePassword(mei.password, "short", "short");
  await expect(page.locator("#field-password-error")).toHaveText(zh.auth.errors.passwordTooShort);
  await expect(form).not.toContainText(en.auth.errors.passwordTooShort);
});

test("a wrong password at sign-in reads in Chinese", async ({ reader: page, member: mei }) => {
  await new SettingsPage(page, zh).signOut();
  const login = new LoginPage(page, zh);
  await login.submitCredentials({ email: mei.email, password: "not my password" });
  await expect(login.formError).toHaveText(zh.auth.errors.invalidCredentials);
  await expect(login.formError).not.toContainText(en.auth.errors.invalidCredentials);
});
