import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import Database from "better-sqlite3";
import type { RunningApp } from "../support/app-server";
import { fmt, type BenchFigure } from "./report";
import { BENCH_PASSWORD, benchEmail, seedLibrary } from "./seed";

// PERF-5 and PERF-3 against the production server (`next start`), on a temp DATA_DIR
// seeded with BENCH_PAGE_CLIPS clips (100,000 by default) across 20 members.
//
// PERF-5: Chromium opens /library and /clips/<id> with a cold cache; every script
// response's transferred body (compressed, as the server sent it) is summed.
//
// PERF-3: autocannon runs /library and the baseline side by side (alternating rounds,
// same server, same signed-in member, 20 connections). The baseline is
// /bench/baseline, the studio layout (header, navigation, player, session check) with
// an empty page, which the server serves only under SONGLOFT_BENCH=1: the ratio is
// what the library adds (a keyset page of 20 clips, filters, in-flight tasks) over
// the framework's cost for the same shell. /settings, a real page with little of its
// own, is measured in the same rounds for context.
//
// Run alone: npx tsx tests/bench/pages.bench.ts (BENCH_PAGE_CLIPS, BENCH_PAGE_SECONDS, BENCH_PAGE_ROUNDS).

const CLIPS = Number(process.env.BENCH_PAGE_CLIPS ?? 100_000);
const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 3);
const WARMUP_SECONDS = 10;
const CONNECTIONS = 20;
const JS_LIMIT_KB = 170;
const JS_AIM_KB = 130;
const RATIO_TARGET = 0.7;
const P99_TARGET_MS = 250;

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Signs in through the real login form and returns the session cookie header. */
async function signIn(browser: Browser, url: string, email: string): Promise<{ header: string; cookies: Cookies }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(BENCH_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const cookies = await context.cookies();
  await context.close();
  if (!cookies.some((c) => c.name.includes("session-token"))) throw new Error("sign-in did not set a session cookie");
  return { header: cookies.map((c) => `${c.name}=${c.value}`).join("; "), cookies };
}

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
  await Promise.all(pending);
  await context.close();
  return weight;
}

async function load(url: string, cookie: string, seconds: number): Promise<AutocannonResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

/** The member's newest finished clip: the page a bookmark would open. */
function pickClip(dbFile: string, email: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT c.id FROM clips c JOIN users u ON u.id = c.owner_id
         WHERE u.email = ? AND c.state = 'succeeded' AND c.deleted_at IS NULL ORDER BY c.created_at DESC LIMIT 1`,
      )
      .get(email) as { id: string } | undefined;
    if (!row) throw new Error("no finished clip to open");
    return row.id;
  } finally {
    db.close();
  }
}

export async function run(log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  // Never the default .next: a bench build must not clash with someone's dev server.
  process.env.NEXT_DIST_DIR ||= ".next-bench";
  const { ensureBuild, startApp } = await import("../support/app-server");
  log(`pages bench: production build in ${process.env.NEXT_DIST_DIR} (built if stale)`);
  ensureBuild();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-pages-bench-"));
  const dbFile = path.join(dataDir, "songloft.db");
  log(`seeding ${CLIPS.toLocaleString("en")} clips`);
  const seeded = await seedLibrary({ clips: CLIPS, file: dbFile });
  log(`  seeded in ${seeded.seconds.toFixed(1)} s`);
  // Write the fresh 500 MB file out now, so the kernel is not flushing it to disk
  // during the first measured round.
  const fd = fs.openSync(dbFile, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const email = benchEmail(0);
  const clipId = pickClip(dbFile, email);

  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startApp({ dataDir, env: { SONGLOFT_BENCH: "1" } });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const session = await signIn(browser, app.url, email);
    const figures: BenchFigure[] = [];

    log(`\nPERF-5 scripts loaded with a cold cache (compressed = bytes on the wire)`);
    for (const [name, url] of [
      ["/library", `${app.url}/library`],
      ["/clips/<id>", `${app.url}/clips/${clipId}`],
    ] as const) {
      const w = await scriptWeight(browser, session.cookies, url);
      const kb = w.compressed / 1024;
      log(`  ${name.padEnd(12)} ${kb.toFixed(1).padStart(6)} KB compressed (${(w.decoded / 1024).toFixed(1)} KB decoded, ${w.files} files, ${[...w.encodings].join("/")})  target ≤ ${JS_LIMIT_KB} KB, aim ${JS_AIM_KB} KB ${kb <= JS_LIMIT_KB ? "ok" : "MISSED"}`);
      figures.push({ name: `PERF-5 JS ${name}`, value: Number(kb.toFixed(1)), unit: "KB", target: `≤ ${JS_LIMIT_KB} KB`, ok: kb <= JS_LIMIT_KB });
    }
    await browser.close();
    browser = undefined;

    const pages = { library: `${app.url}/library`, baseline: `${app.url}/bench/baseline`, settings: `${app.url}/settings` };
    log(`\nPERF-3 throughput at ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (after a warm-up)`);
    // Server and load generator share this machine; anything else running skews both pages alike, but not p99.
    log(`  load average before: ${os.loadavg().map((n) => n.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
    // Warm-up long enough for the first round to meet a steady server: JIT tiers and
    // the heap settle in these seconds.
    for (const url of Object.values(pages)) await load(url, session.header, WARMUP_SECONDS);
    const runs: Record<keyof typeof pages, AutocannonResult[]> = { library: [], baseline: [], settings: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of Object.entries(pages) as [keyof typeof pages, string][]) runs[name].push(await load(url, session.header, SECONDS));
      const line = (name: keyof typeof pages) => `${name} ${runs[name][round].requests.average.toFixed(1)} req/s (p99 ${runs[name][round].latency.p99} ms)`;
      log(`  round ${round + 1}: ${line("library")}, ${line("baseline")}, ${line("settings")}`);
    }
    const mean = (rs: AutocannonResult[]) => rs.reduce((s, r) => s + r.requests.average, 0) / rs.length;
    const worstP99 = (rs: AutocannonResult[]) => Math.max(...rs.map((r) => r.latency.p99));
    const libRps = mean(runs.library);
    const baseRps = mean(runs.baseline);
    const settingsRps = mean(runs.settings);
    const ratio = libRps / baseRps;
    const p99 = worstP99(runs.library);
    log(`  /library         ${libRps.toFixed(1)} req/s, p50 ${fmt(runs.library[0].latency.p50)} ms, worst p99 ${p99} ms  (target p99 < ${P99_TARGET_MS} ms ${p99 < P99_TARGET_MS ? "ok" : "MISSED"})`);
    log(`  /bench/baseline  ${baseRps.toFixed(1)} req/s, worst p99 ${worstP99(runs.baseline)} ms`);
    log(`  /settings        ${settingsRps.toFixed(1)} req/s, worst p99 ${worstP99(runs.settings)} ms (context: /library ÷ /settings ${(libRps / settingsRps).toFixed(2)})`);
    log(`  ratio /library ÷ baseline ${ratio.toFixed(2)}  (target ≥ ${RATIO_TARGET} ${ratio >= RATIO_TARGET ? "ok" : "MISSED"})`);
    figures.push(
      { name: "PERF-3 /library throughput", value: Number(libRps.toFixed(1)), unit: "req/s" },
      { name: "PERF-3 empty page of the same layout (baseline)", value: Number(baseRps.toFixed(1)), unit: "req/s" },
      { name: "PERF-3 /settings throughput (context)", value: Number(settingsRps.toFixed(1)), unit: "req/s" },
      { name: "PERF-3 /library ÷ baseline", value: Number(ratio.toFixed(3)), unit: "×", target: `≥ ${RATIO_TARGET}`, ok: ratio >= RATIO_TARGET },
      { name: "PERF-3 /library p99", value: p99, unit: "ms", target: `< ${P99_TARGET_MS} ms`, ok: p99 < P99_TARGET_MS },
    );
    return figures;
  } finally {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
