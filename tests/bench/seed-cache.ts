import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seedLibrary, type SeedResult } from "./seed";

// Seeded libraries kept between bench runs: a million clips take minutes to write,
// copying the file takes seconds. A cached file is only as good as the schema and
// the generator it was made with, so its folder name carries a hash of the
// migrations and of the seeding code; when either changes, the next run seeds anew
// and drops copies of that size left unused for a day (each 1M file is gigabytes).

const here = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(os.tmpdir(), "songloft-bench");
const SEED_SOURCES = ["seed.ts", "seed-fts-worker.ts", "clip-generator.ts"];

function seedKey(): string {
  const drizzle = path.join(here, "..", "..", "drizzle");
  const migrations = fs
    .readdirSync(drizzle)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => path.join(drizzle, f));
  const hash = crypto.createHash("sha256");
  for (const file of [...migrations, ...SEED_SOURCES.map((f) => path.join(here, f))]) hash.update(path.basename(file)).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 10);
}

/** Where the library of `clips` for today's migrations and generator is kept. */
export function defaultBenchDb(clips: number): string {
  return path.join(CACHE, `clips-${clips}-${seedKey()}`, "songloft.db");
}

// Worktrees of other branches (other migrations) share this cache: a copy is only
// stale once nobody has used it for a day, else two branches would reseed in turn.
const STALE_MS = 86_400_000;

function dropStale(clips: number, keep: string) {
  if (!fs.existsSync(CACHE)) return;
  for (const dir of fs.readdirSync(CACHE)) {
    const full = path.join(CACHE, dir);
    const sameSize = dir === `clips-${clips}` || dir.startsWith(`clips-${clips}-`);
    if (sameSize && full !== keep && Date.now() - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { recursive: true, force: true });
  }
}

export interface CachedLibrary {
  file: string;
  /** Present when this call had to seed. */
  seeded?: SeedResult;
}

/**
 * The cached library of `clips`, seeded first if missing (or if `fresh`). Seeding
 * writes beside it and renames at the end, so an interrupted run leaves no half file
 * that a later run would take for a whole one.
 */
export async function cachedLibrary(clips: number, options: { log?: (line: string) => void; fresh?: boolean } = {}): Promise<CachedLibrary> {
  const file = defaultBenchDb(clips);
  if (fs.existsSync(file) && !options.fresh) {
    const now = new Date();
    fs.utimesSync(path.dirname(file), now, now); // in use: not stale for another day
    return { file };
  }
  dropStale(clips, path.dirname(file));
  // Per process: two worktrees seeding the same key at once must not write one file.
  const partial = `${file}.${process.pid}.partial`;
  const result = await seedLibrary({ clips, file: partial, log: options.log });
  fs.renameSync(partial, file);
  return { file, seeded: { ...result, file } };
}
