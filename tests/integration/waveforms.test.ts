import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMediaFile } from "@/lib/server/data/media";
import { getWaveformStatus, nextPendingWaveform } from "@/lib/server/data/waveforms";
import { getDb } from "@/lib/server/db/client";
import { clipWaveforms, mediaFiles, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { absoluteMediaPath, relativeMediaPath } from "@/lib/server/media/storage";
import { demoAudioUrl } from "@/lib/server/providers/demo/assets";
import { enqueueClipMedia, processDueMedia } from "@/lib/server/services/archive-media";
import { getClip, listLibrarySummaries } from "@/lib/server/services/library";
import { startWaveformWorker, stopWaveformWorker } from "@/lib/server/services/waveform-worker";
import { writeToneMp3 } from "../support/mp3-file";
import { createClip, createProvider, createUser, openTestDb, type TestDb } from "../support/db";
import { serveBytes, startServer, type TestServer } from "./media-support";

// Waveforms from archived audio: the worker draws them after archiving, the backfill
// command fills in older clips, and a file that cannot be decoded is recorded, not retried.

let db: TestDb;
let cdn: TestServer;
let providerId: string;
let owner: User;
let song: Buffer;
const garbage = crypto.randomBytes(40_000);

const cdnHandler: http.RequestListener = (req, res) => {
  if (req.url?.startsWith("/song")) return serveBytes(song, "audio/mpeg")(req, res);
  if (req.url?.startsWith("/garbage")) return serveBytes(garbage, "audio/mpeg")(req, res);
  res.writeHead(404).end();
};

beforeAll(async () => {
  cdn = await startServer(cdnHandler);
  db = openTestDb({ MEDIA_ALLOWED_HOSTS: `127.0.0.1:${cdn.port}` });
  providerId = createProvider("newapi", { baseUrl: "https://relay.example.com" }).id;
  owner = createUser({ name: "Owner" });
  const file = path.join(db.dataDir, "tone.mp3");
  writeToneMp3(file, 3, 3); // loud, then silent
  song = fs.readFileSync(file);
  startWaveformWorker();
});

afterAll(async () => {
  stopWaveformWorker();
  await cdn.stop();
  db.cleanup();
});

const viewer = () => ({ id: owner.id, role: owner.role });
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function archive(clipId: string) {
  enqueueClipMedia(clipId);
  while ((await processDueMedia()).archived > 0);
}

async function waveformSettles(clipId: string) {
  await expect.poll(() => getWaveformStatus(clipId), { timeout: 20_000 }).not.toBe("pending");
  return getWaveformStatus(clipId);
}

describe("the waveform worker", () => {
  it("draws a clip's waveform after its audio is archived: loud first half, silent second", async () => {
    const clip = createClip(owner, { providerId, audioUrl: `${cdn.url}/song/${crypto.randomUUID()}.mp3` });
    expect(getClip(viewer(), clip.id).waveform).toBeNull();
    await archive(clip.id);
    expect(await waveformSettles(clip.id)).toBe("ready");
    const { waveform } = getClip(viewer(), clip.id);
    expect(waveform).toHaveLength(400);
    expect(mean(waveform!.slice(20, 180))).toBeGreaterThan(200);
    expect(mean(waveform!.slice(220, 380))).toBeLessThan(10);
    // A list row carries a coarse copy of the same shape.
    const row = listLibrarySummaries(viewer(), { scope: "mine", limit: 50 } as never).items.find((c) => c.id === clip.id);
    expect(row?.waveform).toHaveLength(48);
    expect(row!.waveform![5]).toBeGreaterThan(200);
    expect(row!.waveform![40]).toBeLessThan(10);
  });

  it("draws the demo provider's songs too", async () => {
    const clip = createClip(owner, { providerId: "demo", audioUrl: demoAudioUrl("a1b2c3d4e5f6", 0, 4) });
    await archive(clip.id);
    expect(await waveformSettles(clip.id)).toBe("ready");
    expect(Math.max(...getClip(viewer(), clip.id).waveform!)).toBe(255);
  });

  it("records a file it cannot decode as failed, keeps the archive, and does not try again", async () => {
    const clip = createClip(owner, { providerId, audioUrl: `${cdn.url}/garbage/${crypto.randomUUID()}.mp3` });
    await archive(clip.id);
    expect(await waveformSettles(clip.id)).toBe("failed");
    expect(getMediaFile(clip.id, "audio")?.status).toBe("archived");
    expect(getClip(viewer(), clip.id)).toMatchObject({ archived: true, waveform: null });
    expect(
      getDb()
        .select()
        .from(clipWaveforms)
        .all()
        .find((r) => r.clipId === clip.id)?.error,
    ).toBe("Not an MP3 or WAV file");
    expect(nextPendingWaveform()).toBeNull();
  });
});

describe("npm run cli -- media:waveforms", () => {
  /** A clip archived before waveforms existed: its audio on disk, no waveform row. */
  function archivedBefore(body: Buffer): string {
    const clip = createClip(owner, { providerId, audioUrl: `${cdn.url}/old/${crypto.randomUUID()}.mp3` });
    const relative = relativeMediaPath(clip.id, "audio", "mp3");
    fs.mkdirSync(path.dirname(absoluteMediaPath(relative)), { recursive: true });
    fs.writeFileSync(absoluteMediaPath(relative), body);
    const values = {
      id: newId(),
      clipId: clip.id,
      kind: "audio" as const,
      sourceUrl: clip.audioUrl!,
      status: "archived" as const,
      path: relative,
      contentType: "audio/mpeg",
      size: body.length,
    };
    getDb().insert(mediaFiles).values(values).run();
    return clip.id;
  }

  const cli = (...args: string[]) => {
    const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["lib/cli/index.ts", "media:waveforms", ...args], {
      env: { ...process.env, DATA_DIR: db.dataDir, SONGLOFT_LOG: "silent" },
      encoding: "utf8",
    });
    return { code: r.status, out: r.stdout };
  };

  it("fills in older clips, skips them the second time, and redoes them with --force", () => {
    stopWaveformWorker(); // the command alone does the work here
    const good = archivedBefore(song);
    const broken = archivedBefore(garbage);
    const first = cli();
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Done: 1 computed, 1 failed, 3 skipped/);
    expect(getWaveformStatus(good)).toBe("ready");
    expect(getWaveformStatus(broken)).toBe("failed");
    expect(getClip(viewer(), good).waveform).toHaveLength(400);
    expect(cli().out).toMatch(/Done: 0 computed, 0 failed, 5 skipped/);
    expect(cli("--force").out).toMatch(/Done: 3 computed, 2 failed, 0 skipped/);
  }, 120_000); // three real CLI processes, each starting tsx: slow on a busy machine
});
