import fs from "node:fs";
import path from "node:path";
import { distDir } from "../support/app-server";
import { account, expect, newPage, test } from "./fixtures";
import { SetupPage } from "./pages/account-pages";

// SEC-1: every page, route handler and server action refuses a signed-out caller by
// itself: pages redirect to sign-in, handlers answer 401, actions redirect to /login
// and change nothing, even when the proxy is bypassed (a forged session cookie) or
// the old middleware-bypass header is sent.

const root = path.resolve(__dirname, "..", "..");
const BYPASS = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
// A syntactically plausible but unsigned session cookie: the proxy lets it through,
// so only the page's or handler's own check stands between it and the data.
const FORGED = { cookie: "authjs.session-token=forged.not-a-real-token" };
// An invite or reset link is its own permission: its unguessable token (checked in auth.spec.ts).
// So is a share link's page and embed (SEC-17; made-up tokens are checked below).
const PUBLIC_PAGES = new Set(["/login", "/setup", "/invite/[token]", "/reset/[token]", "/s/[token]", "/s/[token]/embed"]);
// The upload link is for the vendor, who has no account: its signature is the permission (checked below).
// /metrics answers to its own bearer token only, never a session (404 unset, 401 wrong: metrics.spec.ts).
const PUBLIC_ROUTES = new Set([
  "/api/health",
  "/api/auth/[...nextauth]",
  "/api/uploads/[id]/[expires]/[signature]",
  "/s/[token]/audio",
  "/s/[token]/cover",
  "/s/[token]/tracks/[n]/audio",
  "/s/[token]/tracks/[n]/cover",
  "/api/oembed",
  "/metrics",
]);
const PUBLIC_ACTIONS = new Set(["loginAction", "setupAction", "acceptInviteAction", "resetPasswordAction", "signOutAction", "ssoSignInAction"]);

function walk(dir: string, file: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, file, out);
    else if (entry.name === file) out.push(full);
  }
  return out;
}

/** URL pattern of a route file: route groups dropped, dynamic segments kept as [x]. */
function routeOf(file: string): string {
  const rel = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  const parts = rel.filter((p) => p && !(p.startsWith("(") && p.endsWith(")")));
  return "/" + parts.join("/");
}

const concrete = (route: string) => route.replace(/\[\.\.\.[^\]]+\]/g, "x/y").replace(/\[[^\]]+\]/g, "AAAAAAAAAAAAAAAAAAAAAA");

test.use({ appEnv: {} });

test.beforeAll(async ({ app, browser }) => {
  const page = await newPage(browser, app);
  await new SetupPage(page).complete(account("owner"));
  await page.context().close();
});

test("every page redirects a signed-out visitor to sign in", async ({ request }) => {
  const pages = walk(path.join(root, "app"), "page.tsx")
    .map(routeOf)
    .filter((r) => !PUBLIC_PAGES.has(r));
  expect(pages.length).toBeGreaterThan(0);
  for (const route of pages) {
    for (const headers of [{}, BYPASS, FORGED, { ...FORGED, ...BYPASS }]) {
      const res = await request.get(concrete(route), { headers, maxRedirects: 0 });
      expect([307, 308], `${route} ${JSON.stringify(headers)}`).toContain(res.status());
      expect(res.headers()["location"], route).toMatch(/\/login/);
    }
  }
});

test("every API route handler answers 401 to a signed-out caller", async ({ request }) => {
  const routes = walk(path.join(root, "app"), "route.ts");
  let checked = 0;
  for (const file of routes) {
    const route = routeOf(file);
    if (PUBLIC_ROUTES.has(route)) continue;
    const source = fs.readFileSync(file, "utf8");
    const methods = ["GET", "POST", "PATCH", "PUT", "DELETE"].filter((m) =>
      new RegExp(`export (const|async function|function) ${m}\\b|export const \\{[^}]*\\b${m}\\b`).test(source),
    );
    for (const method of methods) {
      for (const headers of [{}, BYPASS, FORGED]) {
        const res = await request.fetch(concrete(route), {
          method,
          headers: { ...headers, "content-type": "application/json" },
          data: method === "GET" || method === "DELETE" ? undefined : "{}",
          maxRedirects: 0,
        });
        expect(res.status(), `${method} ${route} ${JSON.stringify(headers)}`).toBe(401);
        checked += 1;
      }
    }
  }
  expect(checked).toBeGreaterThan(3);
});

test("an upload link without its server-made signature serves nothing", async ({ request }) => {
  const future = Math.floor(Date.now() / 1000) + 3600;
  for (const link of [`/api/uploads/x/${future}/forged`, `/api/uploads/x/${future}/${"A".repeat(43)}`, "/api/uploads/x/1/AAAA"]) {
    const res = await request.get(link, { maxRedirects: 0 });
    expect(res.status(), link).toBe(404);
    expect(res.headers()["content-type"]).toMatch(/json/);
  }
});

test("a share link with a made-up token shows and serves nothing", async ({ request, baseURL }) => {
  const token = "A".repeat(43);
  const media = ["audio", "cover", "tracks/1/audio", "tracks/1/cover"].map((m) => `/s/${token}/${m}`);
  for (const link of [`/s/${token}`, `/s/${token}/embed`, ...media, `/api/oembed?url=${encodeURIComponent(`${baseURL}/s/${token}`)}`]) {
    const res = await request.get(link, { maxRedirects: 0 });
    expect(res.status(), link).toBe(404);
  }
});

test("every server action redirects a signed-out caller to /login", async ({ request }) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  let checked = 0;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && PUBLIC_ACTIONS.has(entry.exportedName)) continue;
    const worker = Object.keys(entry.workers).find((w) => w.startsWith("app/(studio)")) ?? Object.keys(entry.workers)[0];
    const pagePath = concrete(routeOf(path.join(root, worker + ".tsx")));
    // No arguments at all: an action must check the caller before it reads its input.
    const res = await request.fetch(pagePath, {
      method: "POST",
      headers: { ...FORGED, "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    const redirect = res.headers()["x-action-redirect"] ?? res.headers()["location"] ?? "";
    expect(`${res.status()} ${redirect}`, `${entry.exportedName ?? id} via ${pagePath}`).toMatch(/^(30[37] .*\/login|200 \/login|401 |404 )/);
    checked += 1;
  }
  expect(checked).toBeGreaterThan(3);
});
