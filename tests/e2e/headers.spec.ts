import { account, expect, newPage, test } from "./fixtures";
import { SetupPage } from "./pages/account-pages";

// SEC-11: security headers on every kind of response; signed-in pages never cached.

let cookie = "";

test.use({ appEnv: {} });

test.beforeAll(async ({ app, browser }) => {
  const page = await newPage(browser, app);
  await new SetupPage(page).complete(account("owner"));
  cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.context().close();
});

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'none'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBeTruthy();
}

test("pages, API answers, errors and redirects all carry the security headers", async ({ request }) => {
  const targets: [string, Record<string, string>][] = [
    ["/login", {}],
    ["/library", {}],
    ["/api/health", {}],
    ["/api/v1/providers", {}],
    ["/does-not-exist", { cookie }],
    ["/settings", { cookie }],
    ["/api/v1/providers", { cookie }],
  ];
  for (const [path, headers] of targets) {
    const res = await request.get(path, { headers, maxRedirects: 0 });
    expectSecurityHeaders(res.headers(), `${path} ${headers.cookie ? "signed in" : "signed out"} (${res.status()})`);
  }
});

test("signed-in pages are private and never stored", async ({ request }) => {
  for (const path of ["/", "/library", "/team", "/settings", "/admin/users"]) {
    const res = await request.get(path, { headers: { cookie } });
    expect(res.status(), path).toBe(200);
    const cacheControl = res.headers()["cache-control"] ?? "";
    expect(cacheControl, path).toContain("private");
    expect(cacheControl, path).toContain("no-store");
  }
});

test("every page links the app icon, which loads for signed-out visitors too", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await page.request.get(href!, { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
