import crypto from "node:crypto";
import { startNewapiSimulator, type Simulator } from "../simulators";
import { test as base, createToken, expect, generateSong } from "./fixtures";
import { ClipPage } from "./pages/clip-page";

// A new-api relay documents more than its vendor confirmed: those operations stay off,
// and pages offer nothing the provider cannot do, until an admin switches one on for
// this relay. Then members see it, and it reaches the relay in the family's shape.

const test = base.extend<object, { newapi: Simulator }>({
  newapi: [
    async ({}, provide) => {
      const sim = await startNewapiSimulator({ key: `sk-e2e-${crypto.randomBytes(8).toString("hex")}`, steps: { queuedMs: 100, streamingMs: 200 } });
      await provide(sim);
      await sim.stop();
    },
    { scope: "worker" },
  ],
  appEnv: [async ({ newapi }, provide) => provide({ NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key, DEMO_PROVIDER: "off" }), { scope: "worker" }],
});

test.describe.configure({ mode: "serial" });

test("unconfirmed operations are off until an admin switches one on; then the clip page offers it and it reaches the relay", async ({
  app,
  newapi,
  member,
  memberPage,
  adminPage,
}) => {
  const token = createToken(app, member.email);
  const [clipId] = await generateSong(app, token, { provider: "newapi", mode: "custom", title: "Tide", style: "folk", lyrics: "[Verse]\nTide comes in" });
  const clip = new ClipPage(memberPage);
  await clip.goto(clipId);
  // Extend is confirmed for the family; nothing else is offered yet.
  await expect(memberPage.getByTestId("extend")).toBeVisible();
  await expect(memberPage.getByTestId("clip-operations")).toHaveCount(0);
  const refused = await fetch(`${app.url}/api/v1/clips/${clipId}/stems`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  expect(refused.status).toBe(400);

  await adminPage.goto("/admin/providers/newapi");
  const operations = adminPage.getByRole("region", { name: "Operations" });
  await expect(operations).toContainText("Always on: Extend");
  await operations.getByLabel("Stems").check();
  await operations.getByRole("button", { name: "Save operations" }).click();
  await expect(operations.getByRole("status")).toHaveText("Saved.");
  await adminPage.reload();
  await expect(adminPage.getByRole("region", { name: "Operations" }).getByLabel("Stems")).toBeChecked();
  await expect(adminPage.getByRole("region", { name: "Operations" }).getByLabel("Whole song")).not.toBeChecked();

  await clip.goto(clipId);
  await expect(memberPage.getByTestId("operation-stems")).toBeVisible();
  await expect(memberPage.getByTestId("operation-concat")).toHaveCount(0);
  await expect(memberPage.getByTestId("operation-wav")).toHaveCount(0);
  const before = newapi.control.counts().submit;
  await memberPage.getByTestId("operation-stems").click();
  await memberPage.waitForURL(/\/tasks\/[^/]+$/);
  await expect(memberPage.getByTestId("task-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(memberPage.getByTestId("clip-link")).toHaveText(["Tide - Vocals", "Tide - Instrumental"]);
  expect(newapi.control.counts().submit).toBe(before + 1);
});
