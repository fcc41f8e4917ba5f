import path from "node:path";
import Database from "better-sqlite3";
import { actionId, createToken, expect, test, type Account, type RunningApp } from "./fixtures";
import { SettingsPage } from "./pages/settings-page";

// SEC-16: API tokens are for /api/v1 only: never a sign-in for pages or server actions;
// optional expiry and a read-only scope; a password change revokes them.

// The helpers below reach the file's server and its admin through these.
let app: RunningApp;
let owner: Account;

test.describe.configure({ mode: "serial" });
test.use({ appEnv: {} });

test.beforeAll(({ app: running, admin }) => {
  app = running;
  owner = admin;
});

const db = () => new Database(path.join(app.dataDir, "songloft.db"));
function countRows(table: "api_tokens" | "invites"): number {
  const conn = db();
  try {
    return (conn.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

function cli(args: string[]): string {
  const r = app.cli(args);
  if (r.code !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}
const lastLine = (out: string) => out.trim().split("\n").pop()!.trim();

/** Calls a form server action the way React does: (previous state, form data) as a multipart reply. */
function callAction(pagePath: string, name: string, fields: Record<string, string>, headers: Record<string, string>) {
  const body = new FormData();
  body.set("0", JSON.stringify([{}, "$K1"]));
  for (const [key, value] of Object.entries(fields)) body.set(`1_${key}`, value);
  return fetch(`${app.url}${pagePath}`, { method: "POST", redirect: "manual", headers: { ...headers, "next-action": actionId(name), accept: "text/x-component" }, body });
}

test("a token is no sign-in: pages and server actions ignore it, even behind a forged session cookie", async () => {
  const token = createToken(app, owner.email);
  // The forged cookie only gets past proxy.ts; the page and the action must check for themselves.
  const headers = { authorization: `Bearer ${token}`, cookie: "authjs.session-token=forged.not-a-real-token" };
  const page = await fetch(`${app.url}/settings`, { headers, redirect: "manual" });
  expect(page.status).toBe(307);
  expect(page.headers.get("location")).toContain("/login");

  const tokens = countRows("api_tokens");
  const invites = countRows("invites");
  const minted = await callAction("/settings", "createTokenAction", { name: "minted by a token" }, headers);
  const invited = await callAction("/admin/users", "createInviteAction", { role: "admin" }, headers);
  for (const res of [minted, invited]) {
    expect(await res.text()).not.toContain("slt_");
    expect(res.headers.get("x-action-redirect") ?? res.headers.get("location") ?? "").toContain("/login");
  }
  expect(countRows("api_tokens")).toBe(tokens);
  expect(countRows("invites")).toBe(invites);

  // On the API the same token works.
  expect((await fetch(`${app.url}/api/v1/providers`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
});

test("a read-only token reads the API and is refused every change with 403", async () => {
  const out = cli(["tokens:create", "--email", owner.email, "--name", "dashboard", "--read-only"]);
  expect(out).toContain("read-only");
  const auth = { authorization: `Bearer ${lastLine(out)}` };
  expect((await fetch(`${app.url}/api/v1/clips?scope=team`, { headers: auth })).status).toBe(200);
  expect((await fetch(`${app.url}/api/v1/providers`, { headers: auth })).status).toBe(200);
  const write = await fetch(`${app.url}/api/v1/generations`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", "idempotency-key": "read-only-try" },
    body: JSON.stringify({ provider: "demo", mode: "inspiration", description: "should not be made" }),
  });
  expect(write.status).toBe(403);
  expect(((await write.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  const patch = await fetch(`${app.url}/api/v1/clips/AAAAAAAAAAAAAAAAAAAAAA`, { method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
  expect(patch.status).toBe(403);
});

test("a token with an expiry stops working once it has passed", async () => {
  const out = cli(["tokens:create", "--email", owner.email, "--name", "short-lived", "--expires-in-days", "1"]);
  expect(out).toMatch(/expires \d{4}-\d{2}-\d{2}T/);
  const auth = { authorization: `Bearer ${lastLine(out)}` };
  expect((await fetch(`${app.url}/api/v1/providers`, { headers: auth })).status).toBe(200);
  // A day later, as far as the server can tell.
  const conn = db();
  conn.prepare("UPDATE api_tokens SET expires_at = ? WHERE name = 'short-lived'").run(Date.now() - 1000);
  conn.close();
  expect((await fetch(`${app.url}/api/v1/providers`, { headers: auth })).status).toBe(401);
  expect(app.cli(["tokens:create", "--email", owner.email, "--expires-in-days", "0"]).code).toBe(2);
});

test("Settings: a token made read-only with an expiry shows its access, expiry and last use; a password change revokes all tokens", async ({ member, memberPage: page }) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByText("Changing your password revokes every token.")).toBeVisible();
  await page.getByLabel("Token name").fill("nightly export");
  await page.getByLabel("Expires").selectOption("30");
  await page.getByLabel("Read-only").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect((await fetch(`${app.url}/api/v1/providers`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

  await page.reload();
  const row = page.getByTestId("tokens-table").getByRole("row", { name: /nightly export/ });
  await expect(row).toContainText("Read-only");
  const expires = new Date(Date.now() + 30 * 24 * 3600 * 1000).toLocaleDateString("en-US", { dateStyle: "medium" });
  await expect(row).toContainText(expires);
  await expect(row).not.toContainText("Never"); // used once already, and it expires

  await settings.changePassword(member.password, `${member.password} v2`);
  await expect(page.getByText("Password changed. Other sessions were signed out and your API tokens revoked.")).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  expect((await fetch(`${app.url}/api/v1/providers`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
});
