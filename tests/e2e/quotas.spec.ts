import crypto from "node:crypto";
import { startNewapiSimulator, type Simulator } from "../simulators";
import { test as base, createToken, expect } from "./fixtures";
import { CreatePage } from "./pages/create-page";

// Spending limits and vendor balance as an admin and a member meet them (REL-13): the
// admin gives a member one song a day, the member makes it with the demo provider and
// the create page says none is left; a page opened before then, and the JSON API, are
// refused with the same clear sentence; the usage page shows the member at the limit;
// a relay (the new-api simulator) reports a low balance and the admin is warned.

const test = base.extend<object, { newapi: Simulator }>({
  newapi: [
    async ({}, provide) => {
      const sim = await startNewapiSimulator({ key: `sk-e2e-${crypto.randomBytes(8).toString("hex")}` });
      sim.control.setBilling({ hardLimitUsd: 50, usedUsd: 47.5 });
      await provide(sim);
      await sim.stop();
    },
    { scope: "worker" },
  ],
  appEnv: [async ({ newapi }, provide) => provide({ NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key }), { scope: "worker" }],
});

test.describe.configure({ mode: "serial" });

const USED_UP = "You have used your 1 song for today; more tomorrow (00:00 UTC).";

test("a member with one song a day makes it, then is told plainly that none is left", async ({ adminPage, member, signedInAs, app }) => {
  await adminPage.goto("/admin/users");
  const row = adminPage.getByTestId(`quota-member-${member.email}`);
  await row.getByTestId("quota-daily").fill("1");
  await row.getByTestId("quota-save").click();
  await expect(row.getByText("Saved")).toBeVisible();

  const page = await signedInAs(member);
  // A second tab, opened while the song was still left.
  const stale = await signedInAs(member);
  const create = new CreatePage(page);
  const staleCreate = new CreatePage(stale);
  await create.goto();
  await staleCreate.goto();
  await expect(page.getByTestId("quota-left")).toHaveText(/1 of 1 songs left today/);

  await create.submitDescription("A short song about a lighthouse keeper");
  await expect(create.status(create.firstCard)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(page.getByTestId("quota-left")).toContainText("0 of 1 songs left today");
  await expect(page.getByTestId("quota-used-up")).toHaveText(USED_UP);
  await expect(create.submit).toBeDisabled();

  await staleCreate.submitDescription("Another song about the same lighthouse");
  await expect(stale.getByTestId("form-error")).toHaveText(USED_UP);
  await expect(staleCreate.taskCards).toHaveCount(0);

  const res = await fetch(`${app.url}/api/v1/generations`, {
    method: "POST",
    headers: { authorization: `Bearer ${createToken(app, member.email)}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "demo", mode: "inspiration", description: "one more, through the API" }),
  });
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await res.json()) as { error: { code: string; message: string; details: { period: string; limit: number; used: number } } };
  expect(body.error).toMatchObject({ code: "quota_exceeded", message: USED_UP, details: { period: "daily", limit: 1, used: 1 } });

  await page.reload();
  await expect(page.getByTestId("quota-left")).toContainText("0 of 1 songs left today");
  await expect(create.taskCards).toHaveCount(1);
});

test("the usage page shows each member's songs against their limits", async ({ adminPage, member }) => {
  await adminPage.goto("/admin/usage");
  const row = adminPage.getByTestId(`usage-quota-${member.email}`);
  await expect(row).toContainText("1 of 1");
  await expect(row).toContainText("limit reached");
  await expect(row).toContainText("1 (unlimited)");
});

test("the admin sees a relay's balance and is warned when it runs low", async ({ adminPage }) => {
  await adminPage.goto("/admin/providers");
  const relay = adminPage.locator('[data-testid="provider"][data-provider-id="newapi"]');
  await relay.getByTestId("balance-refresh").click();
  await expect(relay.getByTestId("balance-amount")).toHaveText("2.5 USD");
  await expect(relay.getByTestId("provider-balance")).toContainText("checked");
  await expect(adminPage.getByTestId("low-balance-banner")).toHaveCount(0);

  await relay.getByTestId("balance-warn-below").fill("5");
  await relay.getByTestId("balance-warn-save").click();
  await expect(relay.getByTestId("balance-low")).toHaveText("Low balance");
  await expect(adminPage.getByTestId("low-balance-banner")).toContainText("Low vendor balance: new-api relay.");

  // Every admin page says so, with the way to Providers.
  await adminPage.goto("/admin/usage");
  await expect(adminPage.getByTestId("low-balance-banner")).toContainText("Low vendor balance: new-api relay.");
  await adminPage.getByTestId("low-balance-banner").getByRole("link").click();
  await expect(adminPage).toHaveURL(/\/admin\/providers$/);

  const demo = adminPage.locator('[data-testid="provider"][data-provider-id="demo"]');
  await demo.getByTestId("balance-refresh").click();
  await expect(demo.getByTestId("balance-amount")).toHaveText("1,000 credits");
  await expect(demo.getByTestId("balance-low")).toHaveCount(0);
});
