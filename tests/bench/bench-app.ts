import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";
import Database from "better-sqlite3";
import { resetEnvCache } from "@/lib/env";
import { closeDb } from "@/lib/server/db/client";
import { createInvite } from "@/lib/server/services/accounts";
import { pageMyClips } from "@/lib/server/data/export-clips";
import { createApiToken } from "@/lib/server/services/api-tokens";
import { addToPlaylist } from "@/lib/server/services/playlist-items";
import { createPlaylistShare } from "@/lib/server/services/playlist-shares";
import { createPlaylist } from "@/lib/server/services/playlists";
import { createClipShare } from "@/lib/server/services/shares";
import type { RunningApp } from "../support/app-server";
import { BENCH_PASSWORD, benchEmail } from "./seed";
import { cachedLibrary } from "./seed-cache";

// The production server the page benches share: a copy of the cached seeded library
// in a temp DATA_DIR (the server migrates and writes it, the cache stays pristine),
// `next start` with SONGLOFT_BENCH=1 for /bench/baseline, and what a signed-in
// member, an API client and an invitee bring.

export type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/** Real rows of the seeded library for the paths that take an id. */
export interface BenchIds {
  member: string;
  otherMember: string;
  /** The member's newest finished clip, a take of a two-take task. */
  clip: string;
  vendorClip: string;
  task: string;
  /** The member's newest finished extension, whose page shows its lineage. */
  extension: string;
}

/** What the bench member made on the copy for the paths that need it. */
export interface BenchGrants {
  /** A read-only API token of the member, as an API client would send it. */
  token: string;
  invite: string;
  /** A team playlist of the member's 100 newest songs. */
  playlist: string;
  /** Public share paths (`/s/<token>`) of the member's newest clip and of the playlist. */
  clipShare: string;
  playlistShare: string;
}

export interface BenchApp extends BenchGrants {
  app: RunningApp;
  ids: BenchIds;
  /** Library (seeded or from the cache), copy and server start; not the build. */
  setupSeconds: number;
  close(): Promise<void>;
}

function pickIds(dbFile: string, email: string): BenchIds {
  const db = new Database(dbFile, { readonly: true });
  try {
    const member = (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: string }).id;
    const otherMember = (db.prepare("SELECT id FROM users WHERE id <> ? ORDER BY id LIMIT 1").get(member) as { id: string }).id;
    const newest = db.prepare(
      `SELECT id, task_id AS task, vendor_clip_id AS vendorClip FROM clips
       WHERE owner_id = ? AND state = 'succeeded' AND deleted_at IS NULL AND (parent_clip_id IS NOT NULL) = ? ORDER BY created_at DESC LIMIT 1`,
    );
    const clip = newest.get(member, 0) as { id: string; task: string; vendorClip: string } | undefined;
    const extension = newest.get(member, 1) as { id: string } | undefined;
    if (!clip || !extension) throw new Error("the seeded library has no finished clip or extension for the bench member");
    return { member, otherMember, clip: clip.id, vendorClip: clip.vendorClip, task: clip.task, extension: extension.id };
  } finally {
    db.close();
  }
}

/** Token, invite, playlist and shares made by the app's own services, on the copy, before the server opens it. */
function grantAccess(dataDir: string, ids: BenchIds): BenchGrants {
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  try {
    const member = { id: ids.member, role: "member" as const };
    const { token } = createApiToken(member.id, { name: "bench", readOnly: true });
    const playlist = createPlaylist(member, { name: "Bench mix", visibility: "team" });
    for (const clip of pageMyClips(member, { createdAt: Date.now(), id: "" })) addToPlaylist(member, playlist.id, { clipId: clip.id });
    return {
      token,
      invite: createInvite(member, "member").token,
      playlist: playlist.id,
      clipShare: createClipShare(member, ids.clip).url,
      playlistShare: createPlaylistShare(member, playlist.id).url,
    };
  } finally {
    closeDb();
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
    resetEnvCache();
  }
}

export async function openBenchApp(clips: number, log: (line: string) => void): Promise<BenchApp> {
  // Never the default .next: a bench build must not clash with someone's dev server.
  process.env.NEXT_DIST_DIR ||= ".next-bench";
  const { ensureBuild, startApp } = await import("../support/app-server");
  log(`production build in ${process.env.NEXT_DIST_DIR} (built if stale)`);
  ensureBuild();

  const setupStarted = performance.now();
  const cached = await cachedLibrary(clips, { log });
  log(
    cached.seeded
      ? `seeded ${clips.toLocaleString("en")} clips in ${cached.seeded.seconds.toFixed(1)} s into ${cached.file}`
      : `${clips.toLocaleString("en")} clips from the cache ${cached.file}`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-pages-bench-"));
  const dbFile = path.join(dataDir, "songloft.db");
  const started = performance.now();
  fs.copyFileSync(cached.file, dbFile);
  // Written out now, so the kernel is not flushing gigabytes during the first measured round.
  const fd = fs.openSync(dbFile, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  log(`  copied (${(fs.statSync(dbFile).size / 2 ** 30).toFixed(2)} GiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const ids = pickIds(dbFile, benchEmail(0));
  const access = grantAccess(dataDir, ids);
  try {
    const app = await startApp({ dataDir, env: { SONGLOFT_BENCH: "1" } });
    return {
      app,
      setupSeconds: (performance.now() - setupStarted) / 1000,
      ids,
      ...access,
      async close() {
        await app.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Signs in through the real login form and returns the session cookie header. */
export async function signIn(browser: Browser, url: string, email = benchEmail(0)): Promise<{ header: string; cookies: Cookies }> {
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
