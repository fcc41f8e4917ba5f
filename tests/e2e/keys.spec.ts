import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { startNewapiSimulator, type Simulator } from "../simulators";
import { distDir } from "../support/app-server";
import { account, completeSetup, startApp, type RunningApp } from "./fixtures";

// SEC-8: a vendor key never leaves the server. An admin adds a provider with a
// sentinel key in the browser; an env provider gets another. Then the built static
// bundle, every page (HTML and RSC payload), the API, the server's log output and the
// whole DATA_DIR (every table row, the raw database, WAL and everything else) are
// searched for the sentinels.

test.describe.configure({ mode: "serial" });
test.use({ locale: "en-US" });

const root = path.resolve(__dirname, "..", "..");
const sentinel = (label: string) => `sk-SENTINEL-${label}-${crypto.randomBytes(12).toString("hex")}`;
const API_PATHS = ["/api/v1/providers", "/api/v1/openapi.json", "/api/health"];

function* walk(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Every page route of the build; dynamic segments get an unknown id (their 404 page), `known` adds real ones. */
function pageRoutes(known: string[]): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, distDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const routes = Object.entries(manifest)
    .filter(([file]) => file.endsWith("/page"))
    .map(([, route]) => route.replace(/\[\[?(?:\.\.\.)?\w+\]?\]/g, "no-such-id"));
  return [...new Set([...routes, ...known])];
}

class LeakScan {
  readonly hits: string[] = [];
  /** Fetched bodies by path, so a test can prove it saw the signed-in pages. */
  readonly bodies = new Map<string, string>();
  private readonly needles: string[];
  scanned = 0;

  constructor(sentinels: string[]) {
    // new-api strips a leading "sk-", so the bare form counts as a leak too.
    this.needles = sentinels.flatMap((s) => [s, s.slice(3)]);
  }

  check(where: string, content: string | Buffer) {
    this.scanned += 1;
    const text = typeof content === "string" ? content : content.toString("latin1");
    if (this.needles.some((n) => text.includes(n))) this.hits.push(where);
  }

  async fetchAll(app: RunningApp, cookie: string, paths: string[], rsc = false) {
    for (const p of paths) {
      // Next answers a bare RSC request with a redirect that adds its cache-busting `_rsc` parameter.
      const res = await fetch(`${app.url}${p}`, { headers: { cookie, ...(rsc ? { RSC: "1" } : {}) }, redirect: rsc ? "follow" : "manual" });
      const body = await res.text();
      this.bodies.set(`${p}${rsc ? " (RSC)" : ""}`, body);
      this.check(`${p}${rsc ? " (RSC)" : ""} [${res.status}]`, body);
    }
  }

  staticBundle() {
    for (const file of walk(path.join(root, distDir, "static"))) this.check(path.relative(root, file), fs.readFileSync(file));
  }

  /** Every row of every table through SQLite, then every file of DATA_DIR byte for byte (db, -wal, -shm, media, secret). */
  dataDir(app: RunningApp) {
    const db = new Database(path.join(app.dataDir, "songloft.db"), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      for (const { name } of tables) {
        for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate()) {
          this.check(
            `table ${name}`,
            JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString("latin1") : v)),
          );
        }
      }
    } finally {
      db.close();
    }
    const files = [...walk(app.dataDir)];
    expect(files.some((f) => f.endsWith("songloft.db-wal"))).toBe(true);
    for (const file of files) this.check(path.relative(app.dataDir, file), fs.readFileSync(file));
  }

  async everything(app: RunningApp, page: Page, knownPaths: string[]) {
    const cookie = await cookieOf(app, page);
    this.staticBundle();
    const routes = pageRoutes(knownPaths);
    expect(routes).toContain("/admin/providers");
    await this.fetchAll(app, cookie, routes);
    await this.fetchAll(app, cookie, routes, true);
    await this.fetchAll(app, cookie, API_PATHS);
    this.check("browser DOM", await page.content());
    this.check("server output", app.output());
    this.dataDir(app);
  }
}

async function cookieOf(app: RunningApp, page: Page): Promise<string> {
  return (await page.context().cookies(app.url)).map((c) => `${c.name}=${c.value}`).join("; ");
}

function providerCard(page: Page, name: string) {
  return page.getByTestId("provider").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

async function testConnection(page: Page, name: string, expected: string) {
  const card = providerCard(page, name);
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByTestId("connection-result")).toContainText(expected);
}

test.describe("a provider added by an admin", () => {
  let app: RunningApp;
  let sim: Simulator;
  const key = sentinel("db");
  const wrongKey = sentinel("wrong");

  test.beforeAll(async () => {
    sim = await startNewapiSimulator({ key });
    app = await startApp({ env: { SONGLOFT_LOG: "info" } });
  });
  test.afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  test("is added in the browser, tested, shown masked, and its key is found nowhere", async ({ page }) => {
    await completeSetup(page, app, account("owner"));
    await page.goto(`${app.url}/admin`);
    await page.getByRole("link", { name: "Open Providers" }).click();
    await expect(page).toHaveURL(/\/admin\/providers$/);
    await expect(providerCard(page, "Demo (offline)")).toContainText("Environment");

    for (const [name, secret] of [
      ["Team relay", key],
      ["Wrong key relay", wrongKey],
    ]) {
      await page.getByRole("link", { name: "Add provider" }).click();
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Protocol").selectOption("newapi");
      await page.getByLabel("Base URL").fill(sim.url);
      await page.getByLabel("API key").fill(secret);
      await page.getByRole("button", { name: "Add provider" }).click();
      await expect(page).toHaveURL(/\/admin\/providers$/);
      await expect(providerCard(page, name).getByTestId("key-mask")).toHaveText(`sk-…${secret.slice(-4)}`);
    }
    await testConnection(page, "Team relay", "Key accepted");
    await testConnection(page, "Wrong key relay", "Key rejected");

    // The edit form never carries the key; leaving it blank keeps it.
    await providerCard(page, "Team relay").getByRole("link", { name: "Edit" }).click();
    const providerId = page.url().split("/").pop()!;
    await expect(page.getByLabel("API key")).toHaveValue("");
    await page.getByLabel("Name").fill("Team relay (main)");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/admin\/providers$/);
    await testConnection(page, "Team relay (main)", "Key accepted");

    // SEC-15: moving the base URL to another host needs the key again; a private host needs the operator's allowance.
    await providerCard(page, "Team relay (main)").getByRole("link", { name: "Edit" }).click();
    await expect(page.getByText("a stored key is only ever sent to the host it was entered for")).toBeVisible();
    await page.getByLabel("Base URL").fill(sim.url.replace("127.0.0.1", "localhost"));
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The base URL now points at another host: enter the key for it again.")).toBeVisible();
    await page.getByLabel("Base URL").fill("http://10.0.0.5:8080");
    await page.getByLabel("API key").fill(wrongKey);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("This address is on a private or loopback network.")).toBeVisible();
    await page.goto(`${app.url}/admin/providers`);
    await expect(providerCard(page, "Team relay (main)")).toContainText(sim.url.replace(/\/$/, ""));
    await testConnection(page, "Team relay (main)", "Key accepted");

    const wrong = providerCard(page, "Wrong key relay");
    await wrong.getByRole("button", { name: "Disable" }).click();
    await expect(wrong).toContainText("Disabled");
    page.once("dialog", (d) => void d.accept());
    await wrong.getByRole("button", { name: "Delete" }).click();
    await expect(wrong).toHaveCount(0);

    const scan = new LeakScan([key, wrongKey]);
    await scan.everything(app, page, [`/admin/providers/${providerId}`]);
    expect(scan.scanned).toBeGreaterThan(20);
    expect(scan.bodies.get("/admin/providers")).toContain(`sk-…${key.slice(-4)}`);
    expect(scan.bodies.get("/admin/providers (RSC)")).toContain(`sk-…${key.slice(-4)}`);
    expect(scan.hits).toEqual([]);
  });
});

test.describe("a provider defined in the environment", () => {
  let app: RunningApp;
  let sim: Simulator;
  const key = sentinel("env");

  test.beforeAll(async () => {
    sim = await startNewapiSimulator({ key, steps: { queuedMs: 100, streamingMs: 200 } });
    app = await startApp({ env: { SONGLOFT_LOG: "info", NEWAPI_BASE_URL: sim.url, NEWAPI_API_KEY: key } });
  });
  test.afterAll(async () => {
    await app?.stop();
    await sim?.stop();
  });

  test("is read-only, tests fine, generates, fails loudly, and its key is found nowhere", async ({ page }) => {
    await completeSetup(page, app, account("owner"));
    await page.goto(`${app.url}/admin/providers`);
    const card = providerCard(page, "new-api relay");
    await expect(card.getByTestId("key-mask")).toHaveText(`sk-…${key.slice(-4)}`);
    await expect(card).toContainText("Environment");
    await expect(card.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await testConnection(page, "new-api relay", "Key accepted");

    // Real vendor traffic leaves raw payloads, clips and error messages in the database and on pages.
    const cookie = await cookieOf(app, page);
    const api = (p: string, init: RequestInit = {}) => fetch(`${app.url}${p}`, { ...init, headers: { cookie, origin: app.url, ...init.headers } });
    const generate = (idem: string) =>
      api("/api/v1/generations", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": idem },
        body: JSON.stringify({ provider: "newapi", mode: "inspiration", description: "a quiet song about keys" }),
      });
    const accepted = await generate("ok-1");
    expect(accepted.status).toBe(202);
    const taskId = ((await accepted.json()) as { task: { id: string } }).task.id;
    sim.control.inject("submit", { kind: "echo-auth" });
    const refused = await generate("echo-1");
    expect(refused.status).toBe(502);
    const refusedTask = ((await refused.json()) as { error: { details: { task: { id: string } } } }).error.details.task.id;

    let clipIds: string[] = [];
    await expect
      .poll(
        async () => {
          const { task } = (await (await api(`/api/v1/tasks/${taskId}`)).json()) as { task: { status: string; clips: { id: string }[] } };
          clipIds = task.clips.map((c) => c.id);
          return task.status;
        },
        { timeout: 45_000 },
      )
      .toBe("succeeded");

    const scan = new LeakScan([key]);
    const known = ["/admin/providers/newapi", "/admin/providers/demo", `/tasks/${taskId}`, `/tasks/${refusedTask}`, ...clipIds.map((id) => `/clips/${id}`)];
    await scan.everything(app, page, known);
    await scan.fetchAll(app, cookie, [`/api/v1/tasks/${taskId}`, `/api/v1/tasks/${refusedTask}`, "/api/v1/clips?scope=mine"]);
    expect(clipIds.length).toBeGreaterThan(0);
    expect(scan.bodies.get(`/clips/${clipIds[0]}`)).toContain("quiet song");
    expect(scan.bodies.get("/admin/providers")).toContain(`sk-…${key.slice(-4)}`);
    expect(scan.hits).toEqual([]);
  });
});
