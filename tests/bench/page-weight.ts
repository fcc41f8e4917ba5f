import type { Browser } from "@playwright/test";
import type { Cookies } from "./bench-app";
import type { BenchFigure } from "./report";

// PERF-5: Chromium opens a page with a cold cache; every script response's
// transferred body (compressed, as the server sent it) is summed.

const JS_LIMIT_KB = 170;
const JS_AIM_KB = 130;

interface ScriptWeight {
  compressed: number;
  decoded: number;
  files: number;
  encodings: Set<string>;
}

/** Opens a page in a fresh context (empty cache) and adds up the scripts it loaded. */
async function scriptWeight(browser: Browser, cookies: Cookies, url: string): Promise<ScriptWeight> {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const weight: ScriptWeight = { compressed: 0, decoded: 0, files: 0, encodings: new Set() };
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return;
        // Await everything first: `total += await x` would read the total before awaiting and lose updates.
        const [sizes, body, encoding] = await Promise.all([request.sizes(), response.body(), response.headerValue("content-encoding")]);
        weight.compressed += sizes.responseBodySize;
        weight.decoded += body.length;
        weight.files += 1;
        weight.encodings.add(encoding ?? "identity");
      })(),
    );
  });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  if (response?.status() !== 200 || new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`${url} answered ${response?.status()} at ${page.url()}`);
  await page.waitForTimeout(500);
  // A module imported after hydration (the usage charts) can finish while the others
  // are read: wait until no new one comes, before the context closes under it.
  for (let seen = -1; seen !== pending.length;) {
    seen = pending.length;
    await Promise.all(pending);
  }
  await context.close();
  return weight;
}

export async function measureScriptWeight(browser: Browser, cookies: Cookies, pages: [name: string, url: string][], log: (line: string) => void): Promise<BenchFigure[]> {
  log(`\nPERF-5 scripts loaded with a cold cache (compressed = bytes on the wire)`);
  const figures: BenchFigure[] = [];
  for (const [name, url] of pages) {
    const w = await scriptWeight(browser, cookies, url);
    const kb = w.compressed / 1024;
    const verdict = kb <= JS_LIMIT_KB ? "ok" : "MISSED";
    log(
      `  ${name.padEnd(12)} ${kb.toFixed(1).padStart(6)} KB compressed (${(w.decoded / 1024).toFixed(1)} KB decoded, ${w.files} files, ${[...w.encodings].join("/")})  target ≤ ${JS_LIMIT_KB} KB, aim ${JS_AIM_KB} KB ${verdict}`,
    );
    figures.push({ name: `PERF-5 JS ${name}`, value: Number(kb.toFixed(1)), unit: "KB", target: `≤ ${JS_LIMIT_KB} KB`, ok: kb <= JS_LIMIT_KB });
  }
  return figures;
}
