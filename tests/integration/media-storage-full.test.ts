import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { Writable } from "node:stream";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { mediaFiles, type ClipRow, type MediaFile } from "@/lib/server/db/schema";
import { checkHealth } from "@/lib/server/poller/health";
import { demoAudioUrl } from "@/lib/server/providers/demo/assets";
import { enqueueClipMedia, processDueMedia, STORAGE_FULL_PAUSE_MS } from "@/lib/server/services/archive-media";
import { retryFailedMedia, verifyMediaArchive } from "@/lib/server/services/verify-media";
import { createClip, createProvider, createUser, openTestDb, type TestDb } from "../support/db";
import { serveBytes, startServer, type TestServer } from "./media-support";

// REL-10: a full disk (ENOSPC, or EDQUOT over a quota) is the archive's problem, not
// the file's. The error is injected where the archive meets the file system (the
// download's temp file stream, the rendered asset's write); the queue must pause as a
// whole, spend no attempt, fail no row, and carry on once there is room. Rows that did
// fail for good are counted by /api/health and media:verify and re-queued by
// media:retry-failed.

const root = path.resolve(__dirname, "..", "..");
const song = crypto.randomBytes(20_000);
const cover = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), crypto.randomBytes(500)]);
let db: TestDb;
let cdn: TestServer;
let providerId: string;

const handler: http.RequestListener = (req, res) => (req.url?.startsWith("/audio") ? serveBytes(song, "audio/mpeg")(req, res) : serveBytes(cover, "image/png")(req, res));

beforeAll(async () => {
  cdn = await startServer(handler);
  db = openTestDb({ MEDIA_ALLOWED_HOSTS: `127.0.0.1:${cdn.port}` });
  providerId = createProvider("newapi", { baseUrl: "https://relay.example.com" }).id;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await cdn.stop();
  db.cleanup();
});

const diskError = (code: "ENOSPC" | "EDQUOT") =>
  Object.assign(new Error(`${code}: no space left on device, write`), { code, errno: code === "ENOSPC" ? -28 : -122, syscall: "write" });

/** The file system refuses every write of an archived file, as a full disk does. */
function fillTheDisk() {
  vi.spyOn(fs, "createWriteStream").mockImplementation(() => new Writable({ write: (_chunk, _encoding, callback) => callback(diskError("ENOSPC")) }) as unknown as fs.WriteStream);
  vi.spyOn(fs.promises, "writeFile").mockRejectedValue(diskError("EDQUOT"));
}

function queuedClips(): ClipRow[] {
  const owner = createUser({ name: "Owner" });
  const clips = [0, 1, 2].map(() => createClip(owner, { providerId, audioUrl: `${cdn.url}/audio/${crypto.randomUUID()}.mp3`, imageUrl: `${cdn.url}/image/c.png` }));
  const demo = createClip(owner, { providerId: "demo", audioUrl: demoAudioUrl(crypto.randomBytes(6).toString("hex"), 0, 2) });
  for (const clip of [...clips, demo]) enqueueClipMedia(clip.id);
  return [...clips, demo];
}

const rowsOf = (clips: ClipRow[]): MediaFile[] =>
  getDb()
    .select()
    .from(mediaFiles)
    .where(
      inArray(
        mediaFiles.clipId,
        clips.map((c) => c.id),
      ),
    )
    .all();

describe("a full disk (REL-10)", () => {
  it("pauses the whole queue without spending attempts or failing files, then resumes", async () => {
    const clips = queuedClips();
    const total = rowsOf(clips).length;
    expect(total).toBe(7);
    let clock = Date.now() + 1_000;
    fillTheDisk();

    const first = await processDueMedia({ now: () => new Date(clock), limit: 20 });
    expect(first).toMatchObject({ archived: 0, failed: 0, retrying: 0 });
    expect(first.paused).toBe(total);
    for (const row of rowsOf(clips)) expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: expect.stringMatching(/disk is full/) });
    const health = checkHealth(clock);
    expect(health.media).toMatchObject({ failed: 0, paused: true });
    expect(new Date(health.media.pausedUntil!).getTime()).toBe(clock + STORAGE_FULL_PAUSE_MS);

    // Paused: nothing is claimed or downloaded, however due.
    const hits = cdn.hits.length;
    expect(await processDueMedia({ now: () => new Date(clock + 60_000), limit: 20 })).toEqual({ archived: 0, paused: 0, failed: 0, retrying: 0 });
    expect(cdn.hits.length).toBe(hits);

    // A disk that stays full for many more rounds than the attempt limit still fails nothing.
    for (let round = 0; round < 10; round++) {
      clock += STORAGE_FULL_PAUSE_MS + 1;
      expect((await processDueMedia({ now: () => new Date(clock), limit: 20 })).paused).toBeGreaterThan(0);
    }
    expect(rowsOf(clips).every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);

    vi.restoreAllMocks();
    clock += STORAGE_FULL_PAUSE_MS + 1;
    const after = await processDueMedia({ now: () => new Date(clock), limit: 20 });
    expect(after, JSON.stringify(rowsOf(clips).filter((r) => r.status !== "archived"))).toEqual({ archived: total, paused: 0, failed: 0, retrying: 0 });
    expect(checkHealth(clock).media).toMatchObject({ failed: 0, paused: false, pausedUntil: null });
  });
});

describe("failed downloads are reported and can be retried (REL-10)", () => {
  it("counts failed rows in /api/health and media:verify, and media:retry-failed queues them again", async () => {
    const clips = queuedClips();
    getDb()
      .update(mediaFiles)
      .set({ status: "failed", attempts: 6, nextAttemptAt: null, lastError: "The media host answered HTTP 503" })
      .where(
        inArray(
          mediaFiles.clipId,
          clips.map((c) => c.id),
        ),
      )
      .run();
    const failed = rowsOf(clips).length;
    const health = checkHealth();
    expect(health.media.failed).toBe(failed);
    expect((await verifyMediaArchive()).failed.count).toBe(failed);

    const cli = (command: string) =>
      spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["lib/cli/index.ts", command], { cwd: root, env: { ...process.env, SONGLOFT_LOG: "silent" }, encoding: "utf8" });
    const verify = cli("media:verify");
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`${failed} downloads failed for good`);
    expect(verify.stdout).toContain("media:retry-failed");

    const retry = cli("media:retry-failed");
    expect(retry.status, retry.stderr).toBe(0);
    expect(retry.stdout).toContain(`Queued ${failed} failed downloads again`);
    expect(rowsOf(clips).every((r) => r.status === "pending" && r.attempts === 0 && r.lastError === null)).toBe(true);
    expect(checkHealth().media.failed).toBe(0);

    const archived = await processDueMedia({ now: () => new Date(Date.now() + 86_400_000), limit: 20 });
    expect(archived.archived).toBe(failed);
    expect(retryFailedMedia()).toBe(0);
    expect(getDb().select().from(mediaFiles).where(eq(mediaFiles.status, "failed")).all()).toEqual([]);
  });
});
