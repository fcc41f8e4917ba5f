import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { assertNoFindings, audit, expectAccessible, type Finding } from "./a11y/axe-gate";
import { ROUTES, SETUP_ROUTE, type Route } from "./a11y/routes";
import { seedPages, type Seeded } from "./a11y/seed";
import { account, expect, test as base, type RunningApp } from "./fixtures";

// Issue 17's accessibility gate: axe's WCAG 2.x A/AA rules on every page the journeys
// visit (./a11y/routes.ts), light and dark, desktop and phone, English and Chinese.
// Any serious or critical violation fails the run, listed with where and how to fix it.

const test = base.extend<object, { seeded: Seeded }>({
  seeded: [async ({ app, browser }, provide) => provide(await seedPages(app, browser, account("owner"), account("member"))), { scope: "worker", timeout: 180_000 }],
});

test.use({ appEnv: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" }, trace: "off" });

interface Combo {
  name: string;
  colorScheme: "light" | "dark";
  viewport: { width: number; height: number };
  locale: "en" | "zh-CN";
}

const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const COMBOS: Combo[] = (["light", "dark"] as const).flatMap((colorScheme) =>
  (["desktop", "phone"] as const).flatMap((width) =>
    (["en", "zh-CN"] as const).map((locale) => ({ name: `${locale} ${colorScheme} ${width}`, colorScheme, viewport: WIDTHS[width], locale })),
  ),
);

/** The app picks the language from Accept-Language (the context's locale) and dark mode from prefers-color-scheme. */
function contextFor(combo: Combo, app: RunningApp, storageState?: BrowserContextOptions["storageState"]): BrowserContextOptions {
  return { baseURL: app.url, locale: combo.locale, colorScheme: combo.colorScheme, viewport: combo.viewport, storageState };
}

async function openAndAudit(page: Page, path: string, label: string, combo: Combo, prepare?: Route["prepare"]): Promise<Finding[]> {
  await page.goto(path);
  await page.evaluate(() => document.fonts.ready);
  // Guards the matrix itself: a page in the wrong language would audit the wrong strings.
  await expect(page.locator("html"), label).toHaveAttribute("lang", combo.locale);
  await prepare?.(page);
  return audit(page, label);
}

async function pageIn(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}

// Runs first, while the server has no owner yet: afterwards /setup is gone.
test("first-run setup passes the gate in every scheme, width and language", async ({ app, browser }) => {
  test.setTimeout(240_000);
  const findings: Finding[] = [];
  for (const combo of COMBOS) {
    const page = await pageIn(browser, contextFor(combo, app));
    findings.push(...(await openAndAudit(page, SETUP_ROUTE.path, `[${combo.name}] ${SETUP_ROUTE.name}`, combo)));
    await page.context().close();
  }
  assertNoFindings(findings);
});

for (const combo of COMBOS) {
  test(`every page passes the gate: ${combo.name}`, async ({ app, browser, seeded }) => {
    // 28 pages, each loaded and audited: minutes on a busy 2-core machine.
    test.setTimeout(480_000);
    const pages = {
      guest: await pageIn(browser, contextFor(combo, app)),
      owner: await pageIn(browser, contextFor(combo, app, seeded.ownerState)),
    };
    const findings: Finding[] = [];
    for (const route of ROUTES) {
      findings.push(...(await openAndAudit(pages[route.as], route.path(seeded.seed), `[${combo.name}] ${route.name}`, combo, route.prepare)));
    }
    for (const page of Object.values(pages)) await page.context().close();
    assertNoFindings(findings);
  });
}

test("the gate fails on a planted violation and says where it is", async ({ app, browser, seeded }) => {
  const page = await pageIn(browser, contextFor(COMBOS[0], app, seeded.ownerState));
  await page.goto("/library");
  await expectAccessible(page, "library");

  // An icon button with no name, and an image link with neither alt text nor a label.
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.insertAdjacentHTML("beforeend", '<button type="button" id="planted-button"><svg width="16" height="16"></svg></button>');
    main.insertAdjacentHTML("beforeend", '<a href="/library" id="planted-link"><img src="\/icon\.svg" width="16" height="16"></a>');
  });
  const gate = expectAccessible(page, "library, planted");
  // Each rule with its impact, then the element (selector and markup), then where to read the fix.
  await expect(gate).rejects.toThrow(/library, planted: button-name \(critical\)[^\n]*\n\s+element: #planted-button\s+<button[^]*?how to fix: \S+\/button-name/);
  await expect(gate).rejects.toThrow(/image-alt \(critical\)[^\n]*\n\s+element: [^\n]*<img src="\/icon\.svg"[^]*?how to fix: \S+\/image-alt/);
  await expect(gate).rejects.toThrow(/link-name \(serious\)[^\n]*\n\s+element: #planted-link\s+<a[^]*?how to fix: \S+\/link-name/);
  await page.context().close();
});
