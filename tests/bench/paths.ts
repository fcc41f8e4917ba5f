import type { BenchApp } from "./bench-app";
import { SAMPLE_QUERIES } from "./clip-generator";
import { fmt, type BenchFigure } from "./report";

// PERF-7: every page and /api/v1 GET route answers a single warm request in ≤ 3× the
// time of /bench/baseline. Each path is timed beside the baseline, one request at a
// time (baseline, path, baseline, path…), so whatever else the machine is doing
// weighs on both; the ratio is of the medians. Response bodies are read to the end:
// a streamed page has answered when its last byte is in.

const SAMPLES = Number(process.env.BENCH_PATH_SAMPLES ?? 15);
const WARMUP = 3;
// A path whose first answer takes seconds is far off the bar whatever its median;
// fewer samples of it keep the bench to minutes.
const SLOW_MS = 2000;
const SLOW_SAMPLES = 3;
const RATIO_TARGET = 3;

type Auth = "session" | "token" | "none";
interface BenchPath {
  /** As printed: ids shown as <placeholders>. */
  label: string;
  path: string;
  auth: Auth;
  /** What a correct answer is; a redirect is not followed. */
  status?: number;
  /** An event stream: answered at its first event (it would never end). */
  stream?: boolean;
}

/** ?from=…&to=… for the last `days` UTC days, today included. */
function lastDays(days: number): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `from=${day(Date.now() - (days - 1) * 86_400_000)}&to=${day(Date.now())}`;
}

function benchPaths({ ids, invite, playlist, clipShare, playlistShare }: BenchApp): BenchPath[] {
  const common = "love";
  const rare = SAMPLE_QUERIES.rare()[0];
  const page = (label: string, path = label): BenchPath => ({ label, path, auth: "session" });
  const api = (label: string, path = label): BenchPath => ({ label, path, auth: "token" });
  return [
    page("/ (create)", "/"),
    page("/library"),
    page(`/library?q=${common}`),
    page("/library?q=<rare word>", `/library?q=${rare}`),
    // A label of plain ASCII keeps the printed table aligned.
    page("/library?q=<Chinese word>", `/library?q=${encodeURIComponent("爱情")}`),
    page("/library?starred=1"),
    page("/library?status=failed"),
    page("/library?view=trash"),
    page("/team"),
    page(`/team?q=${common}`),
    page("/members/<id>", `/members/${ids.otherMember}`),
    page("/clips/<id>", `/clips/${ids.clip}`),
    page("/clips/<extension>", `/clips/${ids.extension}`),
    page("/clips/<id>/extend", `/clips/${ids.clip}/extend`),
    { ...page("/clips/by-vendor/<id> (307)", `/clips/by-vendor/${ids.vendorClip}`), status: 307 },
    page("/tasks"),
    page("/tasks?status=failed"),
    page("/tasks?scope=all"),
    page("/tasks/<id>", `/tasks/${ids.task}`),
    page("/settings"),
    page("/admin"),
    page("/admin/users"),
    page("/admin/providers"),
    page("/admin/providers/new"),
    page("/admin/providers/<id>", "/admin/providers/demo"),
    page("/admin/usage"),
    // The chart by day (the longest range it draws in days) rather than by month.
    page("/admin/usage (last 90 days)", `/admin/usage?${lastDays(90)}`),
    page("/playlists"),
    page("/playlists/<id> (100 songs)", `/playlists/${playlist}`),
    { label: "/s/<token> (a song, signed out)", path: clipShare, auth: "none" },
    { label: "/s/<token> (a playlist, signed out)", path: playlistShare, auth: "none" },
    { label: "/login (signed out)", path: "/login", auth: "none" },
    { label: "/invite/<token> (signed out)", path: `/invite/${invite}`, auth: "none" },
    api("GET /api/v1/clips", "/api/v1/clips"),
    api("GET /api/v1/clips?scope=team", "/api/v1/clips?scope=team"),
    api(`GET /api/v1/clips?q=${common}`, `/api/v1/clips?q=${common}`),
    api("GET /api/v1/clips?q=<rare word>", `/api/v1/clips?q=${rare}`),
    api("GET /api/v1/clips?starred=1", "/api/v1/clips?starred=1"),
    api("GET /api/v1/clips?view=trash", "/api/v1/clips?view=trash"),
    api("GET /api/v1/clips?member=<id>", `/api/v1/clips?scope=team&member=${ids.otherMember}`),
    api("GET /api/v1/clips/<id>", `/api/v1/clips/${ids.clip}`),
    api("GET /api/v1/clips/<extension>", `/api/v1/clips/${ids.extension}`),
    api("GET /api/v1/tasks", "/api/v1/tasks"),
    api("GET /api/v1/tasks?kind=lyrics", "/api/v1/tasks?kind=lyrics"),
    api("GET /api/v1/tasks/<id>", `/api/v1/tasks/${ids.task}`),
    { ...api("GET /api/v1/tasks/<id>/events (1st event)", `/api/v1/tasks/${ids.task}/events`), stream: true },
    api("GET /api/v1/playlists", "/api/v1/playlists"),
    api("GET /api/v1/playlists/<id>", `/api/v1/playlists/${playlist}`),
    // Export start: the ZIP's first bytes (the first song), then the download is cancelled.
    { ...api("GET /api/v1/export?scope=mine (1st bytes)", "/api/v1/export?scope=mine"), stream: true },
    api("GET /api/v1/providers", "/api/v1/providers"),
    api("GET /api/v1/openapi.json", "/api/v1/openapi.json"),
  ];
}

interface Answer {
  status: number;
  ms: number;
}

async function request(url: string, headers: Record<string, string>, stream = false): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, { headers, redirect: "manual" });
  if (stream && res.body) {
    const reader = res.body.getReader();
    await reader.read();
    await reader.cancel();
  } else {
    await res.arrayBuffer();
  }
  return { status: res.status, ms: performance.now() - started };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measurePaths(bench: BenchApp, cookie: string, log: (line: string) => void): Promise<BenchFigure[]> {
  const headers: Record<Auth, Record<string, string>> = { session: { cookie }, token: { authorization: `Bearer ${bench.token}` }, none: {} };
  const paths = benchPaths(bench);
  const base = bench.app.url;
  const baseline = () => request(`${base}/bench/baseline`, headers.session);
  const call = (p: BenchPath) => request(base + p.path, headers[p.auth], p.stream);

  // Every path must answer as a user would see it before any is timed: a 404 or a redirect to /login is fast and meaningless.
  const wrong: string[] = [];
  const firstMs = new Map<BenchPath, number>();
  for (const p of paths) {
    const { status, ms } = await call(p);
    firstMs.set(p, ms);
    if (status !== (p.status ?? 200)) wrong.push(`${p.label} answered ${status}`);
  }
  if ((await baseline()).status !== 200) wrong.push("/bench/baseline did not answer 200");
  if (wrong.length > 0) throw new Error(`PERF-7: ${wrong.join("; ")}`);

  log(`\nPERF-7 every path, one warm request at a time beside /bench/baseline (median of ${SAMPLES} after ${WARMUP} warm-up pairs)`);
  const rows: { label: string; ms: number; baseMs: number; ratio: number; n: number }[] = [];
  for (const p of paths) {
    const slow = firstMs.get(p)! > SLOW_MS;
    const [warmup, n] = slow ? [1, SLOW_SAMPLES] : [WARMUP, SAMPLES];
    const times: number[] = [];
    const baseTimes: number[] = [];
    for (let i = 0; i < warmup + n; i++) {
      const b = await baseline();
      const a = await call(p);
      if (a.status !== (p.status ?? 200) || b.status !== 200) throw new Error(`PERF-7: ${p.label} answered ${a.status} (baseline ${b.status}) while timed`);
      if (i >= warmup) {
        times.push(a.ms);
        baseTimes.push(b.ms);
      }
    }
    const row = { label: p.label, ms: median(times), baseMs: median(baseTimes), ratio: 0, n };
    row.ratio = row.ms / row.baseMs;
    rows.push(row);
    log(
      `  ${p.label.padEnd(46)} ${fmt(row.ms).padStart(8)} ms  baseline ${fmt(row.baseMs).padStart(7)} ms  ${row.ratio.toFixed(2).padStart(6)}×${slow ? `  (slow: median of ${n})` : ""}`,
    );
  }

  const width = Math.max(...rows.map((r) => r.label.length));
  log(`\n  ${"path".padEnd(width)} ${"median ms".padStart(10)} ${"baseline ms".padStart(12)} ${"ratio".padStart(7)} ${"n".padStart(3)}  target`);
  for (const r of rows) {
    const ok = r.ratio <= RATIO_TARGET;
    log(
      `  ${r.label.padEnd(width)} ${fmt(r.ms).padStart(10)} ${fmt(r.baseMs).padStart(12)} ${r.ratio.toFixed(2).padStart(7)} ${String(r.n).padStart(3)}  ≤ ${RATIO_TARGET}×  ${ok ? "ok" : "MISSED"}`,
    );
  }
  return rows.map((r) => ({
    name: `PERF-7 ${r.label}`,
    value: Number(r.ratio.toFixed(2)),
    unit: "×",
    detail: `${fmt(r.ms)} ms ÷ ${fmt(r.baseMs)} ms`,
    target: `≤ ${RATIO_TARGET}×`,
    ok: r.ratio <= RATIO_TARGET,
  }));
}
