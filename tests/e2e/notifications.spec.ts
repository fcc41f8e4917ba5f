import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { catalogs } from "../../lib/i18n/catalog";
import { createToken, expect, generateSong, SELF_URL, test } from "./fixtures";
import { CreatePage } from "./pages/create-page";
import { WebhooksPage } from "./pages/webhooks-page";

// Issue 14, notifications: a member is told on any studio page when their song is
// ready (a toast, and a desktop notification once allowed), and an admin's team
// webhook receives a signed payload for it, delivered to a receiver on 127.0.0.1 that
// this server may reach only because WEBHOOK_ALLOWED_HOSTS lists it.

test.describe.configure({ mode: "serial" });
test.use({ appEnv: { APP_URL: SELF_URL, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } });

const t = catalogs.en.notifications;

interface Received {
  headers: Record<string, string>;
  body: string;
}

let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/songloft`;
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test("a member hears that their song is ready on another page, in a toast and a desktop notification", async ({ memberPage: page }) => {
  const context = page.context();
  await context.grantPermissions(["notifications"]);
  // Records every desktop notification the page makes, while still making the real one.
  await context.addInitScript(() => {
    const Real = window.Notification;
    const made: { title: string; tag?: string }[] = [];
    (window as unknown as { madeNotifications: typeof made }).madeNotifications = made;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        made.push({ title, tag: options?.tag });
        super(title, options);
      }
    }
    Object.defineProperty(Recording, "permission", { get: () => Real.permission });
    Object.defineProperty(Recording, "requestPermission", { value: Real.requestPermission.bind(Real) });
    window.Notification = Recording as typeof Notification;
  });

  const create = new CreatePage(page);
  await create.goto();
  await create.submitDescription("A slow piano song about a lighthouse keeper");
  await expect(create.firstCard).toBeVisible();

  // Away from the create page before the demo vendor finishes.
  await page.getByRole("link", { name: catalogs.en.common.nav.settings }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId("desktop-notifications-state")).toHaveText(t.desktop.granted);

  const region = page.getByRole("status", { name: t.toast.region });
  const toast = region.getByTestId("task-toast");
  await expect(toast).toHaveCount(1, { timeout: 60_000 });
  await expect(toast).toContainText(/^“.+” is ready/);
  const link = toast.getByRole("link", { name: t.toast.openSong });
  await expect(link).toHaveAttribute("href", /^\/clips\/[\w-]+$/);
  const href = (await link.getAttribute("href"))!;

  const toastText = (await toast.locator("p").first().textContent())!;
  const made = await page.evaluate(() => (window as unknown as { madeNotifications: { title: string; tag?: string }[] }).madeNotifications);
  expect(made).toHaveLength(1);
  expect(made[0].title).toBe(toastText);
  expect(made[0].tag).toMatch(/^songloft-task-/);

  // Dismissible, and a song that finished before the page loaded is not announced again.
  await toast.getByRole("button", { name: t.toast.dismiss }).click();
  await expect(toast).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("desktop-notifications-state")).toBeVisible();
  await expect(page.getByTestId("task-toast")).toHaveCount(0);

  await page.goto(href);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByTestId("clip-title")).toContainText(toastText.replace(/^“(.+)” is ready$/, "$1"));
});

test("an admin turns on desktop notifications, and their webhook receives a signed payload when a song finishes, listed as delivered", async ({ adminPage: page, app, admin }) => {
  // Desktop notifications are asked for only by a click in Settings (or on a toast).
  await page.goto("/settings");
  const enable = page.getByRole("button", { name: t.desktop.enable });
  await expect(enable).toBeVisible();
  await page.context().grantPermissions(["notifications"]);
  await enable.click();
  await expect(page.getByTestId("desktop-notifications-state")).toHaveText(t.desktop.granted);

  const webhooks = new WebhooksPage(page);
  await webhooks.goto();
  await webhooks.add("Studio feed", receiverUrl, "standard");
  await expect(webhooks.secret).toHaveValue(/^whsec_/);
  const secret = await webhooks.secret.inputValue();
  const card = webhooks.card("Studio feed");
  await expect(card).toContainText(receiverUrl);

  const clipIds = await generateSong(app, createToken(app, admin.email), { mode: "inspiration", description: "A brass band marching through the rain" });

  await expect.poll(() => received.filter((r) => r.body.includes('"task.succeeded"')).length, { timeout: 30_000 }).toBe(1);
  const delivery = received.find((r) => r.body.includes('"task.succeeded"'))!;
  const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; data: Record<string, any> };
  expect(payload.type).toBe("task.succeeded");
  expect(payload.data.clips.map((c: { id: string }) => c.id).sort()).toEqual([...clipIds].sort());
  expect(payload.data.clips[0].url).toBe(`${app.url}/clips/${payload.data.clips[0].id}`);
  expect(payload.data.owner).toEqual({ name: admin.name });
  expect(delivery.body).not.toContain(admin.email);

  await page.reload();
  const rows = webhooks.deliveries(card);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-status", "delivered");
  await expect(rows.first()).toContainText(t.webhooks.events.succeeded);
  await expect(rows.first()).toContainText(t.webhooks.status.delivered);

  // Send test: tried at once, listed on top.
  await card.getByRole("button", { name: t.webhooks.sendTest }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(t.webhooks.events.test);
  await expect(rows.first()).toHaveAttribute("data-status", "delivered");
  expect(received.filter((r) => r.body.includes('"webhook.test"'))).toHaveLength(1);
});
