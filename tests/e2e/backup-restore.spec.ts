import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startNewapiSimulator, type Simulator } from "../simulators";
import { account, completeSetup, createToken, generateSong, signIn, startApp, type RunningApp } from "./fixtures";

// REL-9: a backup taken while the server runs restores into a fresh DATA_DIR that has
// the secret file, and the app boots from it and serves the same songs and keys.
// Without the secret, restore and start both refuse loudly, naming the provider.

test.describe.configure({ mode: "serial" });
test.use({ locale: "en-US" });

const root = path.resolve(__dirname, "..", "..");
const key = `sk-restore-${crypto.randomBytes(8).toString("hex")}`;
const owner = account("owner");
const tempDir = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `songloft-${label}-`));

function cliIn(dataDir: string, args: string[]) {
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["lib/cli/index.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, SONGLOFT_LOG: "silent", PROVIDER_ALLOWED_HOSTS: "127.0.0.1" },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let sim: Simulator;
const apps: RunningApp[] = [];

test.beforeAll(async () => {
  sim = await startNewapiSimulator({ key });
});
test.afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await sim?.stop();
});

test("backup under a running server, restore into a fresh DATA_DIR with the secret, boot and serve the data", async ({ page, browser }) => {
  const source = await startApp();
  apps.push(source);
  await completeSetup(page, source, owner);
  await page.goto(`${source.url}/admin/providers/new`);
  await page.getByLabel("Name").fill("Backup relay");
  await page.getByLabel("Protocol").selectOption("newapi");
  await page.getByLabel("Base URL").fill(sim.url);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Add provider" }).click();
  await expect(page).toHaveURL(/\/admin\/providers$/);
  const [clipId] = await generateSong(source, createToken(source, owner.email), { provider: "demo", mode: "inspiration", description: "a song worth keeping" });

  const backup = path.join(tempDir("backups"), "songloft.db");
  const taken = source.cli(["db:backup", "--out", backup]);
  expect(taken.code, taken.stderr).toBe(0);
  expect(fs.statSync(backup).mode & 0o777).toBe(0o600);

  // The running server holds the poller lease: restoring under it is refused and changes nothing.
  const underServer = source.cli(["db:restore", "--from", backup]);
  expect(underServer.code).toBe(1);
  expect(underServer.stderr).toMatch(/server is running/);

  // Without the secret the stored key cannot be opened: refused, naming the provider.
  const withoutSecret = tempDir("no-secret");
  const refused = cliIn(withoutSecret, ["db:restore", "--from", backup]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('"Backup relay"');
  expect(fs.existsSync(path.join(withoutSecret, "songloft.db"))).toBe(false);

  // A start on a copied database without its secret fails loudly too, instead of sending empty keys.
  fs.copyFileSync(backup, path.join(withoutSecret, "songloft.db"));
  await expect(startApp({ dataDir: withoutSecret })).rejects.toThrow(/Backup relay/);

  const fresh = tempDir("restored");
  fs.copyFileSync(path.join(source.dataDir, "secret"), path.join(fresh, "secret"));
  const restored = cliIn(fresh, ["db:restore", "--from", backup]);
  expect(restored.code, restored.err).toBe(0);
  await source.stop();

  const target = await startApp({ dataDir: fresh });
  apps.push(target);
  const context = await browser.newContext({ locale: "en-US" });
  const restoredPage = await context.newPage();
  await signIn(restoredPage, target, owner);
  await expect(restoredPage.getByTestId("current-user")).toHaveText(owner.name);
  const clip = await restoredPage.goto(`${target.url}/clips/${clipId}`);
  expect(clip?.status()).toBe(200);
  await restoredPage.goto(`${target.url}/admin/providers`);
  const card = restoredPage.getByTestId("provider").filter({ has: restoredPage.getByRole("heading", { name: "Backup relay", exact: true }) });
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByTestId("connection-result")).toContainText("Key accepted");
  await context.close();
});
