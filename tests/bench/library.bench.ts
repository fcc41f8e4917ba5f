import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { resetEnvCache } from "@/lib/env";
import { CLIP_PAGE_DEFAULT } from "@/lib/schemas/clips";
import { listClips, type ListClipsInput } from "@/lib/server/data/clips";
import { listLibrary } from "@/lib/server/services/library";
import { closeDb, getDb } from "@/lib/server/db/client";
import { SAMPLE_QUERIES, mulberry32 } from "./clip-generator";
import { fmt, time, type BenchFigure, type Timing } from "./report";
import { BENCH_USERS } from "./seed";
import { cachedLibrary } from "./seed-cache";

// PERF-2: library page queries and searches through the real data layer, in
// process, on seeded databases of 100,000 and 1,000,000 clips (seeded on first run
// and reused; BENCH_CLIPS=100000 runs only the smaller one). Each page starts at a
// random position of a random member's history, as "Load more" would.

// The pages' own page size.
const PAGE = CLIP_PAGE_DEFAULT;

function openAppDb(file: string) {
  closeDb();
  process.env.DATA_DIR = path.dirname(file);
  resetEnvCache();
  return getDb().$client;
}

interface Fixture {
  users: string[];
  positions: { createdAt: number; id: string }[];
}

function fixture(sqlite: Database.Database): Fixture {
  const users = (sqlite.prepare("SELECT id FROM users ORDER BY id").all() as { id: string }[]).map((u) => u.id);
  const max = (sqlite.prepare("SELECT max(rowid) AS n FROM clips").get() as { n: number }).n;
  const rng = mulberry32(7);
  const at = sqlite.prepare("SELECT created_at AS createdAt, id FROM clips WHERE rowid = ?");
  const positions = Array.from({ length: 500 }, () => at.get(1 + Math.floor(rng() * max)) as { createdAt: number; id: string });
  return { users, positions };
}

const cursorOf = (p: { createdAt: number; id: string }) => Buffer.from(`${p.createdAt}:${p.id}`).toString("base64url");

function measure(samples: number, make: (i: number) => Omit<ListClipsInput, "limit">): Timing {
  return time(samples, (i) => listClips({ ...make(i), limit: PAGE }));
}

export async function runAt(clips: number, log: (line: string) => void): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const label = `${clips / 1000}k`;
  log(`library of ${clips.toLocaleString("en")} clips from the bench cache (seeded on first use)`);
  const { file, seeded } = await cachedLibrary(clips, { log });
  if (seeded) {
    log(`seeded in ${seeded.seconds.toFixed(1)} s, ${seeded.rowsPerSecond.toLocaleString("en")} rows/s into ${file}`);
    figures.push({ name: `${label} seed`, value: seeded.seconds, unit: "s" }, { name: `${label} seed rate`, value: seeded.rowsPerSecond, unit: "rows/s" });
  }
  const sqlite = openAppDb(file);
  const fx = fixture(sqlite);
  const viewer = (i: number) => ({ id: fx.users[i % BENCH_USERS] });
  const deep = (i: number) => cursorOf(fx.positions[i % fx.positions.length]);
  const rows: [string, Timing, number?][] = [];

  const pages: [string, (i: number) => Omit<ListClipsInput, "limit">][] = [
    ["library first page", (i) => ({ viewer: viewer(i), scope: "mine" })],
    ["library page (cursor)", (i) => ({ viewer: viewer(i), scope: "mine", cursor: deep(i) })],
    ["team page (cursor)", (i) => ({ viewer: viewer(i), scope: "team", cursor: deep(i) })],
    ["member page (cursor)", (i) => ({ viewer: viewer(i), scope: "member", memberId: fx.users[(i + 1) % BENCH_USERS], cursor: deep(i) })],
    ["library + model", (i) => ({ viewer: viewer(i), scope: "mine", model: "v5", cursor: deep(i) })],
    ["library + provider", (i) => ({ viewer: viewer(i), scope: "mine", provider: "sunohub", cursor: deep(i) })],
    [
      "library + date range",
      (i) => ({ viewer: viewer(i), scope: "mine", from: new Date(fx.positions[i % 500].createdAt - 30 * 86_400_000), to: new Date(fx.positions[i % 500].createdAt) }),
    ],
    ["library + status failed", (i) => ({ viewer: viewer(i), scope: "mine", status: "failed", cursor: deep(i) })],
    ["library + starred", (i) => ({ viewer: viewer(i), scope: "mine", starred: true, cursor: deep(i) })],
  ];
  // The timed loops cycle through the same 500 positions. Each shape reads them all
  // once first, so the figures are those of a running server whose pages sit in the
  // cache, not the first touch of a database just opened. That first touch depends
  // on the disk and the OS cache; it is timed once and reported on its own line.
  const firstTouch = time(fx.positions.length, (i) => listClips({ viewer: viewer(i), scope: "mine", cursor: deep(i), limit: PAGE }), 0);
  for (const [, make] of pages) for (let i = 0; i < fx.positions.length; i++) listClips({ ...make(i), limit: PAGE });
  for (const [name, make] of pages) rows.push([name, measure(2000, make), name.startsWith("library page") || name === "library first page" ? 1 : undefined]);
  const throughService = time(2000, (i) => listLibrary(viewer(i), { scope: "mine", limit: PAGE, cursor: deep(i) }));
  rows.push(["library page as DTOs (service)", throughService]);

  const searches: [string, string[]][] = [
    ["search 1 char", SAMPLE_QUERIES.oneChar],
    ["search 2 chars", SAMPLE_QUERIES.twoChars],
    ["search 3+ chars", SAMPLE_QUERIES.threePlus],
    ["search rare word", SAMPLE_QUERIES.rare()],
  ];
  const all: string[] = [];
  for (const [name, words] of searches) {
    all.push(...words);
    for (const scope of ["mine", "team"] as const) {
      rows.push([`${name} (${scope})`, measure(400, (i) => ({ viewer: viewer(i), scope, q: words[i % words.length] })), 20]);
    }
  }
  const overall = measure(1000, (i) => ({ viewer: viewer(i), scope: i % 2 ? "team" : "mine", q: all[i % all.length] }));
  rows.push(["search, all kinds", overall, 20]);

  log(`\nlibrary queries at ${clips.toLocaleString("en")} clips (ms, ${PAGE} per page)`);
  log(`${"query".padEnd(34)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"max".padStart(9)}  target`);
  log(
    `${"library page (cursor), first touch".padEnd(34)}${fmt(firstTouch.p50).padStart(9)}${fmt(firstTouch.p95).padStart(9)}${fmt(firstTouch.p99).padStart(9)}${fmt(firstTouch.max).padStart(9)}  context: first read after opening`,
  );
  figures.push({ name: `${label} library page (cursor), first touch p95`, value: firstTouch.p95, unit: "ms" });
  for (const [name, t, target] of rows) {
    const verdict = target === undefined ? "" : `p95 < ${target} ms ${t.p95 < target ? "ok" : "MISSED"}`;
    log(`${name.padEnd(34)}${fmt(t.p50).padStart(9)}${fmt(t.p95).padStart(9)}${fmt(t.p99).padStart(9)}${fmt(t.max).padStart(9)}  ${verdict}`);
    figures.push({ name: `${label} ${name} p95`, value: t.p95, unit: "ms", ...(target === undefined ? {} : { target: `< ${target} ms p95`, ok: t.p95 < target }) });
  }
  closeDb();
  return figures;
}

export async function run(log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  const sizes = (process.env.BENCH_CLIPS ?? "100000,1000000").split(",").map(Number);
  const figures: BenchFigure[] = [];
  for (const size of sizes) figures.push(...(await runAt(size, log)));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
