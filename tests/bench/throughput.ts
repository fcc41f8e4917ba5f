import { createRequire } from "node:module";
import os from "node:os";
import { fmt, type BenchFigure } from "./report";

// PERF-3 and the clip page under load: autocannon runs /library, /clips/<id>,
// /settings and the baseline side by side (alternating rounds, same server, same
// signed-in member, 20 connections). The baseline is /bench/baseline, the studio
// layout (header, navigation, player, session check) with an empty page, which the
// server serves only under SONGLOFT_BENCH=1: the ratio is what the library adds (a
// keyset page of 20 clips, filters, in-flight tasks) over the framework's cost for
// the same shell. The clip page, the one a shared link opens, should hold up at
// least as well as /library; /settings, a real page with little of its own, is context.

const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 3);
const WARMUP_SECONDS = 10;
const CONNECTIONS = 20;
// autocannon's default: a request not answered by then counts as timed out.
const TIMEOUT_S = 10;
// Revised 2026-12-02 from 0.7 (QUALITY.md PERF-3): twenty server-rendered rows cost what they cost.
const RATIO_TARGET = 0.55;
const P99_TARGET_MS = 250;

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; timeout: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** One load run. A wrong status means the bench is broken; timeouts are a slow page, measured and reported. */
async function load(url: string, cookie: string, seconds: number): Promise<AutocannonResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: TIMEOUT_S, headers: { cookie } });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers under load`);
  if (result.errors > 0) {
    // Requests given up on are still being rendered; one more request waits its turn
    // among them, so the next page is timed on a server that has (mostly) caught up.
    await fetch(new URL("/bench/baseline", url), { headers: { cookie } }).then((r) => r.arrayBuffer());
  }
  return result;
}

type PageName = "library" | "clip" | "baseline" | "settings";

export async function measureThroughput(base: string, clipId: string, cookie: string, log: (line: string) => void): Promise<BenchFigure[]> {
  const pages: Record<PageName, string> = { library: `${base}/library`, clip: `${base}/clips/${clipId}`, baseline: `${base}/bench/baseline`, settings: `${base}/settings` };
  const names = Object.keys(pages) as PageName[];
  log(`\nPERF-3 throughput at ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (after a warm-up)`);
  // Server and load generator share this machine; anything else running skews both pages alike, but not p99.
  log(
    `  load average before: ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")} on ${os.cpus().length} cores`,
  );
  // Warm-up long enough for the first round to meet a steady server: JIT tiers and the heap settle in these seconds.
  for (const name of names) await load(pages[name], cookie, WARMUP_SECONDS);
  const runs = Object.fromEntries(names.map((n) => [n, [] as AutocannonResult[]])) as Record<PageName, AutocannonResult[]>;
  const failed = (name: PageName) => runs[name].reduce((s, r) => s + r.errors, 0);
  const describe = (r: AutocannonResult) => `${r.requests.average.toFixed(1)} req/s (p99 ${r.latency.p99} ms${r.errors ? `, ${r.errors} failed or timed out` : ""})`;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) runs[name].push(await load(pages[name], cookie, SECONDS));
    log(`  round ${round + 1}: ${names.map((n) => `${n} ${describe(runs[n][round])}`).join(", ")}`);
  }
  const rps = (name: PageName) => runs[name].reduce((s, r) => s + r.requests.average, 0) / runs[name].length;
  // autocannon leaves timed-out requests out of its percentiles; a page that timed out took at least the timeout.
  const p99 = (name: PageName) => Math.max(...runs[name].map((r) => (r.errors > 0 ? Math.max(r.latency.p99, TIMEOUT_S * 1000) : r.latency.p99)));
  const ratio = rps("library") / rps("baseline");
  const errorFigures = names
    .filter((n) => failed(n) > 0)
    .map((n) => ({ name: `${new URL(pages[n]).pathname.replace(clipId, "<id>")} timed out (> ${TIMEOUT_S} s)`, value: failed(n), unit: "req", target: "0", ok: false }));
  const clipVsLibrary = rps("clip") / rps("library");
  const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
  log(
    `  /library         ${rps("library").toFixed(1)} req/s, p50 ${fmt(runs.library[0].latency.p50)} ms, worst p99 ${p99("library")} ms  (target p99 < ${P99_TARGET_MS} ms ${verdict(p99("library") < P99_TARGET_MS)})`,
  );
  log(`  /clips/<id>      ${rps("clip").toFixed(1)} req/s, p50 ${fmt(runs.clip[0].latency.p50)} ms, worst p99 ${p99("clip")} ms`);
  log(`  /bench/baseline  ${rps("baseline").toFixed(1)} req/s, worst p99 ${p99("baseline")} ms`);
  log(`  /settings        ${rps("settings").toFixed(1)} req/s, worst p99 ${p99("settings")} ms (context: /library ÷ /settings ${(rps("library") / rps("settings")).toFixed(2)})`);
  log(`  ratio /library ÷ baseline ${ratio.toFixed(2)}  (target ≥ ${RATIO_TARGET} ${verdict(ratio >= RATIO_TARGET)})`);
  log(`  ratio /clips/<id> ÷ /library ${clipVsLibrary.toFixed(2)}  (target ≥ 1 ${verdict(clipVsLibrary >= 1)})`);
  const round1 = (n: number) => Number(n.toFixed(1));
  return [
    { name: "PERF-3 /library throughput", value: round1(rps("library")), unit: "req/s" },
    { name: "PERF-3 empty page of the same layout (baseline)", value: round1(rps("baseline")), unit: "req/s" },
    { name: "PERF-3 /settings throughput (context)", value: round1(rps("settings")), unit: "req/s" },
    { name: "PERF-3 /library ÷ baseline", value: Number(ratio.toFixed(3)), unit: "×", target: `≥ ${RATIO_TARGET}`, ok: ratio >= RATIO_TARGET },
    { name: "PERF-3 /library p99", value: p99("library"), unit: "ms", target: `< ${P99_TARGET_MS} ms`, ok: p99("library") < P99_TARGET_MS },
    { name: "/clips/<id> throughput at 20 connections", value: round1(rps("clip")), unit: "req/s" },
    { name: "/clips/<id> p99 at 20 connections", value: p99("clip"), unit: "ms" },
    { name: "/clips/<id> ÷ /library at 20 connections", value: Number(clipVsLibrary.toFixed(3)), unit: "×", target: "≥ 1", ok: clipVsLibrary >= 1 },
    ...errorFigures,
  ];
}
