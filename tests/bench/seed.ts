import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { hashPassword } from "@/lib/server/auth/password";
import { runMigrations } from "@/lib/server/db/migrate";
import { Worker } from "node:worker_threads";
import { benchId as id, clipText, mulberry32, takeTitle, textRng, type Rng } from "./clip-generator";
import type { FtsJob, FtsMessage, FtsRow } from "./seed-fts-worker";

// `npm run bench:seed -- --clips 100000 [--db path]`: a library of realistic clips
// (into the benches' cache, tests/bench/seed-cache.ts, unless --db says where)
// across 20 users, written with prepared statements in batched transactions. The
// full-text index is built in one pass at the end (faster than the per-row
// triggers, which are restored afterwards so the database behaves like the app's).
// Every user signs in with BENCH_PASSWORD; user 0 (bench0@songloft.test) is admin.

export const BENCH_USERS = 20;
export const BENCH_PASSWORD = "bench-password-2024";
export const benchEmail = (n: number) => `bench${n}@songloft.test`;
const NAMES = [
  "Alice",
  "王芳",
  "Bob",
  "李雷",
  "Carol",
  "韩梅梅",
  "Dave",
  "张伟",
  "Erin",
  "刘洋",
  "Frank",
  "陈静",
  "Grace",
  "杨帆",
  "Heidi",
  "赵敏",
  "Ivan",
  "周杰",
  "Judy",
  "吴桐",
];
const PROVIDERS = [
  { id: "demo", name: "Demo (offline)", weight: 0.1 },
  { id: "newapi", name: "new-api relay", weight: 0.4 },
  { id: "nengyongai", name: "nengyongai", weight: 0.3 },
  { id: "sunohub", name: "sunohub", weight: 0.2 },
];
const MODELS: [string, number][] = [
  ["v3.5", 0.05],
  ["v4", 0.15],
  ["v4.5", 0.25],
  ["v4.5+", 0.2],
  ["v5", 0.25],
  ["v5.5", 0.1],
];
const FAILURES = ["moderation", "no_balance", "vendor_down", "bad_input", "timed_out", "bad_key"];
const BATCH = 10_000;

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let u = rng();
  for (const [item, w] of items) if ((u -= w) < 0) return item;
  return items[items.length - 1][0];
}
// Hashes, vendor ids and CDN names need not be reproducible, only plausible.
const randomHex = (chars: number) => crypto.randomBytes(chars / 2).toString("hex");

export interface SeedResult {
  file: string;
  clips: number;
  tasks: number;
  stars: number;
  seconds: number;
  rowsPerSecond: number;
}

export async function seedLibrary(options: { clips: number; file: string; log?: (line: string) => void }): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const started = performance.now();
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  runMigrations(db);
  // A throwaway load: no rollback journal or fsync until the end.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.pragma("temp_store = MEMORY");

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const userIds = Array.from({ length: BENCH_USERS }, (_, n) => id("user", n));
  const now = Date.now();
  db.transaction(() => {
    const user = db.prepare("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    userIds.forEach((uid, n) => user.run(uid, benchEmail(n), NAMES[n % NAMES.length], passwordHash, n === 0 ? "admin" : "member", now - 800 * 86_400_000));
    const provider = db.prepare("INSERT OR IGNORE INTO providers (id, name, protocol, source, enabled, created_at) VALUES (?, ?, ?, 'env', 1, ?)");
    for (const p of PROVIDERS) provider.run(p.id, p.name, p.id, now);
  })();

  // The second core builds the full-text index while this one writes the rows.
  const ftsFile = `${file}.fts`;
  fs.rmSync(ftsFile, { force: true });
  const createFts = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'clips_fts'").get() as { sql: string }).sql;
  const fts = startFtsWorker({ file: ftsFile, createSql: createFts });

  // Only the full-text triggers: the usage counters' triggers keep counting as rows go in.
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'clips_fts_%'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);

  const insertTask = db.prepare(`INSERT INTO tasks (id, owner_id, provider_id, kind, request, status, progress, error_code, error_message,
    vendor_task_id, vendor_status, source_clip_id, created_at, updated_at, submitted_at, started_at, finished_at, poll_count)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertClip = db.prepare(`INSERT INTO clips (rowid, id, task_id, owner_id, provider_id, vendor_clip_id, title, lyrics, style, prompt,
    model, vendor_model, duration, state, error_message, audio_url, image_url, image_large_url, visibility, parent_clip_id, continue_at,
    position, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMedia = db.prepare(`INSERT INTO media_files (id, clip_id, kind, source_url, status, path, content_type, size, sha256, attempts, created_at, archived_at)
    VALUES (?, ?, ?, ?, 'archived', ?, ?, ?, ?, 1, ?, ?)`);
  const insertStar = db.prepare("INSERT OR IGNORE INTO stars (user_id, clip_id, created_at) VALUES (?, ?, ?)");

  const total = options.clips;
  const span = 730 * 86_400_000;
  const start = now - span;
  let tasks = 0;
  let stars = 0;
  let media = 0;
  const writeBatch = db.transaction((from: number, to: number, ftsRows: FtsRow[]) => {
    for (let t = from; t < to; t += 2) {
      const rng = mulberry32(t + 1);
      const owner = userIds[Math.floor(rng() * BENCH_USERS)];
      const provider = weighted(
        rng,
        PROVIDERS.map((p) => [p.id, p.weight] as [string, number]),
      );
      const model = weighted(rng, MODELS);
      const createdAt = start + Math.floor((t / total) * span);
      const age = total - t;
      const failed = rng() < 0.03;
      const state = age < 6 ? (["queued", "running", "streaming"] as const)[age % 3] : failed ? "failed" : "succeeded";
      const taskStatus = state === "failed" ? "failed" : state === "succeeded" ? "succeeded" : "running";
      const failure = state === "failed" ? FAILURES[Math.floor(rng() * FAILURES.length)] : null;
      const extendOf = t > 100 && rng() < 0.05 ? id("clip", Math.floor(rng() * (t - 2))) : null;
      const text = clipText(textRng(t));
      const taskId = id("task", t);
      const request = JSON.stringify({
        mode: text.prompt ? "inspiration" : "custom",
        description: text.prompt,
        title: text.title,
        style: text.style,
        instrumental: !text.lyrics,
        model,
      });
      insertTask.run(
        taskId,
        owner,
        provider,
        extendOf ? "extend" : "music",
        request,
        taskStatus,
        taskStatus === "running" ? 40 : 100,
        failure,
        failure ? `Vendor refused: ${failure}` : null,
        randomHex(24),
        taskStatus,
        extendOf,
        createdAt,
        createdAt + 90_000,
        createdAt,
        createdAt + 2_000,
        taskStatus === "running" ? null : createdAt + 90_000,
        6,
      );
      tasks++;
      const visibility = rng() < 0.1 ? "private" : "team";
      for (let k = 0; k < 2 && t + k < to; k++) {
        const n = t + k;
        const clipId = id("clip", n);
        const done = state === "succeeded";
        const deleted = rng() < 0.01 ? createdAt + 86_400_000 : null;
        const audio = done || state === "streaming" ? `https://cdn1.suno.ai/${randomHex(32)}.mp3` : null;
        const image = state === "queued" ? null : `https://cdn2.suno.ai/image_${randomHex(32)}.jpeg`;
        ftsRows.push([n + 1, clipId, takeTitle(text.title, k), text.lyrics ?? "", text.style, text.prompt ?? ""]);
        insertClip.run(
          n + 1,
          clipId,
          taskId,
          owner,
          provider,
          `${randomHex(8)}-${randomHex(4)}-${randomHex(4)}-${n.toString(16)}`,
          ftsRows.at(-1)![2],
          text.lyrics,
          text.style,
          text.prompt,
          model,
          `chirp-${model}`,
          done ? 60 + Math.floor(rng() * 180) + rng() : null,
          state,
          failure ? `Vendor refused: ${failure}` : null,
          done ? audio : null,
          image,
          image,
          visibility,
          extendOf,
          extendOf ? 30 + Math.floor(rng() * 60) : null,
          k,
          createdAt,
          createdAt + 90_000,
          deleted,
        );
        if (done && rng() < 0.9) {
          insertMedia.run(
            id("mfa", n),
            clipId,
            "audio",
            audio,
            `${clipId}/audio.mp3`,
            "audio/mpeg",
            2_000_000 + Math.floor(rng() * 3e6),
            randomHex(64),
            createdAt,
            createdAt + 95_000,
          );
          insertMedia.run(
            id("mfi", n),
            clipId,
            "image",
            image,
            `${clipId}/cover.jpeg`,
            "image/jpeg",
            150_000 + Math.floor(rng() * 1e5),
            randomHex(64),
            createdAt,
            createdAt + 95_000,
          );
          media += 2;
        }
        if (rng() < 0.04) stars += insertStar.run(owner, clipId, createdAt + 1_000).changes;
        if (visibility === "team" && rng() < 0.03) stars += insertStar.run(pick(rng, userIds), clipId, createdAt + 2_000).changes;
      }
    }
  });
  for (let from = 0; from < total; from += BATCH) {
    const ftsRows: FtsRow[] = [];
    writeBatch(from, Math.min(total, from + BATCH), ftsRows);
    fts.send(ftsRows);
    if ((from / BATCH) % 10 === 9) log(`  ${from + BATCH} clips written`);
  }

  log(`  base rows in ${((performance.now() - started) / 1000).toFixed(1)} s; waiting for the full-text index`);
  await fts.finish();
  log(`  full-text index built at ${((performance.now() - started) / 1000).toFixed(1)} s; copying it in`);
  copyFtsTables(db, ftsFile, options.clips);
  fs.rmSync(ftsFile, { force: true });
  log(`  full-text index in place at ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const t of triggers) db.exec(t.sql);
  db.pragma("journal_mode = WAL");
  db.close();
  const seconds = (performance.now() - started) / 1000;
  const rows = total + tasks + stars + media;
  return { file, clips: total, tasks, stars, seconds, rowsPerSecond: Math.round(rows / seconds) };
}

function startFtsWorker(job: FtsJob) {
  // Workers do not inherit tsx's loader, so the worker loads the TypeScript file through tsx's API.
  const entry = new URL("./seed-fts-worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const done = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`FTS worker exited with ${code}`))));
  });
  done.catch(() => {}); // awaited in finish(); this keeps an early failure from going unhandled meanwhile
  return {
    send: (rows: FtsRow[]) => worker.postMessage({ rows } satisfies FtsMessage),
    finish: () => (worker.postMessage({ done: true } satisfies FtsMessage), done),
  };
}

/** FTS5 keeps its index in five ordinary shadow tables; copying them moves the whole index. */
function copyFtsTables(db: Database.Database, ftsFile: string, expected: number) {
  db.exec(`ATTACH DATABASE '${ftsFile.replaceAll("'", "''")}' AS fts`);
  // better-sqlite3 runs in SQLite's defensive mode, which forbids writing shadow tables.
  db.unsafeMode(true);
  db.transaction(() => {
    for (const shadow of ["data", "idx", "content", "docsize", "config"]) {
      db.exec(`DELETE FROM main.clips_fts_${shadow}; INSERT INTO main.clips_fts_${shadow} SELECT * FROM fts.clips_fts_${shadow};`);
    }
  })();
  db.unsafeMode(false);
  db.exec("DETACH DATABASE fts");
  db.exec("INSERT INTO clips_fts (clips_fts, rank) VALUES ('automerge', 4)");
  const indexed = (db.prepare("SELECT count(*) AS n FROM clips_fts").get() as { n: number }).n;
  const probe = db.prepare("SELECT c.id FROM clips_fts f JOIN clips c ON c.rowid = f.rowid AND c.id = f.clip_id WHERE clips_fts MATCH ? LIMIT 1");
  const sample = db.prepare("SELECT title FROM clips WHERE rowid = 1").get() as { title: string };
  if (indexed !== expected || !probe.get(`"${sample.title.slice(0, 12).replaceAll('"', '""')}"`)) throw new Error("the copied full-text index does not match the clips");
}

const pick = <T>(rng: Rng, list: readonly T[]) => list[Math.floor(rng() * list.length)];

function argValue(args: string[], name: string) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const clips = Number(argValue(args, "--clips") ?? 100_000);
  if (!Number.isInteger(clips) || clips < 2) throw new Error("--clips must be a whole number ≥ 2");
  const file = argValue(args, "--db");
  if (!file) {
    // Without --db the library goes where the benches look for it; imported here, as seed-cache imports this file.
    const { cachedLibrary } = await import("./seed-cache");
    const cached = await cachedLibrary(clips, { log: console.log, fresh: true });
    console.log(`seeded ${clips} clips into ${cached.file} in ${cached.seeded?.seconds.toFixed(1)} s`);
    return;
  }
  const result = await seedLibrary({ clips, file, log: console.log });
  console.log(`seeded ${result.clips} clips, ${result.tasks} tasks, ${result.stars} stars into ${result.file}`);
  console.log(`${result.seconds.toFixed(1)} s, ${result.rowsPerSecond.toLocaleString("en")} rows/s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
