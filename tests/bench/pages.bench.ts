import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { openBenchApp, signIn, type BenchApp } from "./bench-app";
import { measureScriptWeight } from "./page-weight";
import { measurePaths } from "./paths";
import type { BenchFigure } from "./report";
import { measureThroughput } from "./throughput";

// The production server (`next start`) on one copy of the cached seeded library
// (BENCH_PAGE_CLIPS clips across 20 members, 1,000,000 by default: seeded once, about
// 4 minutes, then copied in seconds), and three passes over it:
//   scripts     PERF-5, script bytes of /library, /clips/<id> and /admin/usage (page-weight.ts)
//   throughput  PERF-3, /library and /clips/<id> at 20 connections beside the baseline (throughput.ts)
//   paths       PERF-7, every page and /api/v1 GET route beside the baseline (paths.ts)
//
// Run alone: npx tsx tests/bench/pages.bench.ts, or `npm run bench pages`.
// BENCH_PAGE_PASSES=paths,throughput picks passes; see README "Benchmarks" for the rest.

const CLIPS = Number(process.env.BENCH_PAGE_CLIPS ?? 1_000_000);
const PASSES = new Set((process.env.BENCH_PAGE_PASSES ?? "scripts,throughput,paths").split(",").map((s) => s.trim()));
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

export async function run(log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  log(`pages bench: ${CLIPS.toLocaleString("en")} clips, passes ${[...PASSES].join(", ")}`);
  let bench: BenchApp | undefined;
  let browser: Browser | undefined;
  try {
    bench = await openBenchApp(CLIPS, log);
    const { app, ids, setupSeconds } = bench;
    log(`  server up ${setupSeconds.toFixed(1)} s after the build check`);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const session = await signIn(browser, app.url);
    const figures: BenchFigure[] = [{ name: `setup: ${CLIPS / 1000}k clips, copy, server start`, value: Number(setupSeconds.toFixed(1)), unit: "s" }];

    if (PASSES.has("scripts")) {
      const pages: [string, string][] = [
        ["/library", `${app.url}/library`],
        ["/clips/<id>", `${app.url}/clips/${ids.clip}`],
        // The charts' module (uPlot) loads on this page alone, after it paints: counted here, absent above.
        ["/admin/usage", `${app.url}/admin/usage`],
      ];
      figures.push(...(await measureScriptWeight(browser, session.cookies, pages, log)));
    }
    await browser.close();
    browser = undefined;
    if (PASSES.has("throughput")) figures.push(...(await measureThroughput(app.url, ids.clip, session.header, log)));
    if (PASSES.has("paths")) figures.push(...(await measurePaths(bench, session.header, log)));
    return figures;
  } finally {
    await browser?.close();
    await bench?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
