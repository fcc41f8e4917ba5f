import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchFigure } from "./report";
import { seedExportLibrary } from "./export-seed";

// PERF-8, streaming export: the production server (`next start`) exports a member's
// 10,000 archived songs (BENCH_EXPORT_CLIPS) as one ZIP over HTTP. The client counts
// bytes and drops them; the server's resident memory (VmRSS of its process tree, from
// /proc) is sampled every 100 ms. Reported: time to the ZIP's first byte, and how far
// RSS rose above where it stood after a warm-up export, against < 1 s and < 100 MB.
//
// Run alone: `npm run bench export`. Uses the production build in NEXT_DIST_DIR
// (default .next-bench; built if stale): NEXT_DIST_DIR=.next reuses the e2e build.

const CLIPS = Number(process.env.BENCH_EXPORT_CLIPS ?? 10_000);
const MB = 2 ** 20;

/** VmRSS in bytes of a process and all its descendants (next start may fork a worker). */
function treeRss(pid: number): number {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) total += treeRss(Number(child));
    }
  } catch {
    // the process (or a child) ended between reads
  }
  return total;
}

async function download(url: string, token: string): Promise<{ ttfbMs: number; bytes: number; seconds: number; count: string | null }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  let ttfbMs = 0;
  let bytes = 0;
  const reader = res.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (bytes === 0) ttfbMs = performance.now() - started;
    bytes += chunk.value.length;
  }
  return { ttfbMs, bytes, seconds: (performance.now() - started) / 1000, count: res.headers.get("x-songloft-export-count") };
}

export async function run(log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  process.env.NEXT_DIST_DIR ||= ".next-bench";
  const { ensureBuild, startApp } = await import("../support/app-server");
  log(`export bench: ${CLIPS.toLocaleString("en")} archived songs; production build in ${process.env.NEXT_DIST_DIR} (built if stale)`);
  ensureBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-export-bench-"));
  try {
    const seedStarted = performance.now();
    const library = seedExportLibrary(dataDir, CLIPS);
    log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (MP3 ${(library.audioBytes / 1024).toFixed(0)} KiB each)`);
    const app = await startApp({ dataDir });
    try {
      const pid = app.process.pid!;
      // Loads the route's modules and opens the database, so the baseline is the server ready to export.
      await download(`${app.url}/api/v1/export?scope=starred`, library.token);
      const baseline = treeRss(pid);
      let peak = baseline;
      // Peak RSS per 10 s of the run: a flat series means memory does not grow with the export.
      const tenths: number[] = [];
      const started = performance.now();
      const sampler = setInterval(() => {
        const rss = treeRss(pid);
        peak = Math.max(peak, rss);
        const tenth = Math.floor((performance.now() - started) / 10_000);
        tenths[tenth] = Math.max(tenths[tenth] ?? 0, rss);
      }, 100);
      const result = await download(`${app.url}/api/v1/export?scope=mine`, library.token).finally(() => clearInterval(sampler));
      peak = Math.max(peak, treeRss(pid));
      const growth = (peak - baseline) / MB;
      log(`  ${result.count} songs, ${(result.bytes / MB).toFixed(0)} MiB in ${result.seconds.toFixed(1)} s (${(result.bytes / MB / result.seconds).toFixed(1)} MiB/s)`);
      log(`  RSS ${(baseline / MB).toFixed(0)} MiB before, ${(peak / MB).toFixed(0)} MiB at most while streaming`);
      log(`  RSS peak per 10 s: ${tenths.map((r) => (r / MB).toFixed(0)).join(", ")} MiB`);
      return [
        { name: `export ${CLIPS / 1000}k songs: time to first byte`, value: result.ttfbMs, unit: "ms", target: "< 1000 ms", ok: result.ttfbMs < 1000 },
        {
          name: `export ${CLIPS / 1000}k songs: server RSS growth`,
          value: growth,
          unit: "MiB",
          detail: `${(baseline / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MiB`,
          target: "< 100 MB",
          ok: peak - baseline < 100e6,
        },
        { name: `export ${CLIPS / 1000}k songs: whole ZIP`, value: result.seconds, unit: "s", detail: `${(result.bytes / MB).toFixed(0)} MiB` },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
