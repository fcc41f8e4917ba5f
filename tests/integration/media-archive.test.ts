import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMediaFile, listMediaFilesForClip } from "@/lib/server/data/media";
import { getDb } from "@/lib/server/db/client";
import { clips, mediaFiles, type ClipRow } from "@/lib/server/db/schema";
import { respondWithClipMedia } from "@/lib/server/services/clip-media";
import { mediaRoot } from "@/lib/server/media/storage";
import { demoAudioUrl, demoCoverUrl } from "@/lib/server/providers/demo/assets";
import { deleteClipMedia, enqueueClipMedia, MAX_MEDIA_ATTEMPTS, processDueMedia } from "@/lib/server/services/archive-media";
import { verifyMediaArchive } from "@/lib/server/services/verify-media";
import { createClip, createProvider, createUser, openTestDb, type TestDb } from "../support/db";
import { serveBytes, startServer, type TestServer } from "./media-support";

// The archive end to end inside the process: queue rows, real downloads from a local
// "CDN", files on disk, serving them after the CDN is gone, retries, purge, verify.

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
const song = crypto.randomBytes(50_000);
const cover = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), crypto.randomBytes(2000)]);

let db: TestDb;
let cdn: TestServer;
let failing: TestServer;
let providerId: string;
const owner = () => createUser({ name: "Owner" });

const cdnHandler: http.RequestListener = (req, res) => {
  if (req.url?.startsWith("/audio")) return serveBytes(song, "audio/mpeg")(req, res);
  if (req.url?.startsWith("/image")) return serveBytes(cover, "image/png")(req, res);
  if (req.url?.startsWith("/page")) return serveBytes(Buffer.from("<html></html>"), "text/html")(req, res);
  res.writeHead(404).end();
};

beforeAll(async () => {
  cdn = await startServer(cdnHandler);
  failing = await startServer(serveBytes(Buffer.from("busy"), "text/plain", 503));
  db = openTestDb({ MEDIA_ALLOWED_HOSTS: `127.0.0.1:${cdn.port},127.0.0.1:${failing.port}` });
  providerId = createProvider("newapi", { baseUrl: "https://relay.example.com" }).id;
});

afterAll(async () => {
  await Promise.all([cdn.stop(), failing.stop()]);
  db.cleanup();
});

function vendorClip(values: Partial<ClipRow> = {}): ClipRow {
  return createClip(owner(), { providerId, audioUrl: `${cdn.url}/audio/${crypto.randomUUID()}.mp3`, imageUrl: `${cdn.url}/image/c.png`, ...values });
}

async function archiveEverythingDue() {
  const total = { archived: 0, paused: 0, failed: 0, retrying: 0 };
  for (;;) {
    const r = await processDueMedia();
    if (r.archived + r.failed + r.retrying === 0) return total;
    total.archived += r.archived;
    total.failed += r.failed;
    total.retrying += r.retrying;
  }
}

const get = (clipId: string, kind: string, headers: Record<string, string> = {}, method = "GET") => new Request(`http://app.test/media/${clipId}/${kind}`, { method, headers });

describe("enqueueClipMedia", () => {
  it("queues audio and cover (and video when present) for a succeeded clip, once", () => {
    const clip = vendorClip({ videoUrl: `${cdn.url}/video/v.mp4` });
    enqueueClipMedia(clip.id);
    enqueueClipMedia(clip.id);
    const rows = listMediaFilesForClip(clip.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(["audio", "image", "video"]);
    expect(rows.every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);
    getDb().delete(mediaFiles).where(eq(mediaFiles.clipId, clip.id)).run();
  });

  it("queues nothing for an unfinished clip, and never an audiopipe stream", () => {
    const running = vendorClip({ state: "streaming" });
    enqueueClipMedia(running.id);
    expect(listMediaFilesForClip(running.id)).toEqual([]);
    const streamOnly = vendorClip({ audioUrl: "https://audiopipe.suno.ai/?item_id=abc" });
    enqueueClipMedia(streamOnly.id);
    expect(listMediaFilesForClip(streamOnly.id).map((r) => r.kind)).toEqual(["image"]);
    getDb().delete(mediaFiles).where(eq(mediaFiles.clipId, streamOnly.id)).run();
  });

  it("works inside a caller's transaction and rolls back with it", () => {
    const clip = vendorClip();
    expect(() =>
      getDb().transaction(() => {
        enqueueClipMedia(clip.id);
        expect(listMediaFilesForClip(clip.id)).toHaveLength(2);
        throw new Error("caller aborts");
      }),
    ).toThrow("caller aborts");
    expect(listMediaFilesForClip(clip.id)).toEqual([]);
  });
});

describe("processDueMedia", () => {
  it("archives audio and cover with sha256 and size, and the audio still plays after the CDN goes away", async () => {
    const clip = vendorClip({ title: "夜空 Night" });
    enqueueClipMedia(clip.id);
    expect(await archiveEverythingDue()).toEqual({ archived: 2, paused: 0, failed: 0, retrying: 0 });

    const audioRow = getMediaFile(clip.id, "audio")!;
    expect(audioRow).toMatchObject({ status: "archived", contentType: "audio/mpeg", size: song.length, sha256: sha(song), attempts: 1 });
    expect(audioRow.path).toBe(path.join(clip.id.slice(0, 2), clip.id, "audio.mp3"));
    expect(fs.readFileSync(path.join(mediaRoot(), audioRow.path!)).equals(song)).toBe(true);
    expect(getMediaFile(clip.id, "image")).toMatchObject({ status: "archived", contentType: "image/png", size: cover.length, sha256: sha(cover) });
    expect(fs.readdirSync(path.join(mediaRoot(), ".tmp"))).toEqual([]);

    // The vendor URL stops answering: the archive keeps serving, with ranges.
    await cdn.stop();
    try {
      const full = await respondWithClipMedia(get(clip.id, "audio"), clip, "audio");
      expect(full.status).toBe(200);
      expect(Buffer.from(await full.arrayBuffer()).equals(song)).toBe(true);
      expect(full.headers.get("content-disposition")).toBe(`inline; filename="__ Night.mp3"; filename*=UTF-8''${encodeURIComponent("夜空 Night.mp3")}`);
      const part = await respondWithClipMedia(get(clip.id, "audio", { range: "bytes=0-99" }), clip, "audio");
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toBe(`bytes 0-99/${song.length}`);
      expect(Buffer.from(await part.arrayBuffer()).equals(song.subarray(0, 100))).toBe(true);
    } finally {
      cdn = await startServer(cdnHandler, cdn.port); // back at the same URL for the tests that follow
    }
  });

  it("backs off between retries and gives up after the limit", async () => {
    const clip = vendorClip({ audioUrl: `${failing.url}/audio/a.mp3`, imageUrl: null });
    enqueueClipMedia(clip.id);
    let clock = Date.now();
    const now = () => new Date(clock);
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= MAX_MEDIA_ATTEMPTS; attempt++) {
      const result = await processDueMedia({ now });
      const row = getMediaFile(clip.id, "audio")!;
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toContain("HTTP 503");
      if (attempt < MAX_MEDIA_ATTEMPTS) {
        expect(result).toEqual({ archived: 0, paused: 0, failed: 0, retrying: 1 });
        expect(row.status).toBe("pending");
        const wait = row.nextAttemptAt!.getTime() - clock;
        gaps.push(wait);
        // Not due yet: nothing is fetched.
        clock += wait - 1000;
        expect(await processDueMedia({ now })).toEqual({ archived: 0, paused: 0, failed: 0, retrying: 0 });
        clock += 1000;
      } else {
        expect(result).toEqual({ archived: 0, paused: 0, failed: 1, retrying: 0 });
        expect(row.status).toBe("failed");
        expect(row.nextAttemptAt).toBeNull();
      }
    }
    expect(failing.hits.filter((h) => h === "/audio/a.mp3")).toHaveLength(MAX_MEDIA_ATTEMPTS);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] * 2);
    expect(gaps[0]).toBeGreaterThanOrEqual(20_000);
    expect(await processDueMedia({ now: () => new Date(clock + 365 * 86400_000) })).toEqual({ archived: 0, paused: 0, failed: 0, retrying: 0 });
  });

  it("gives up at once on a refusal that retrying cannot fix (text/html)", async () => {
    const clip = vendorClip({ audioUrl: `${cdn.url}/page/a.mp3`, imageUrl: null });
    enqueueClipMedia(clip.id);
    expect(await processDueMedia()).toEqual({ archived: 0, paused: 0, failed: 1, retrying: 0 });
    expect(getMediaFile(clip.id, "audio")).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("refuses a vendor URL on a loopback host that MEDIA_ALLOWED_HOSTS does not list", async () => {
    const clip = vendorClip({ audioUrl: "http://127.0.0.1:9/audio.mp3", imageUrl: "http://169.254.169.254/latest/meta-data.png" });
    enqueueClipMedia(clip.id);
    expect(await processDueMedia()).toEqual({ archived: 0, paused: 0, failed: 2, retrying: 0 });
    expect(getMediaFile(clip.id, "image")?.lastError).toMatch(/not an allowed media host/);
  });

  it("stores demo assets by rendering them, not downloading", async () => {
    const clip = createClip(owner(), { providerId: "demo", audioUrl: demoAudioUrl("a1b2c3d4e5f6", 0, 3), imageUrl: demoCoverUrl("a1b2c3d4e5f6", 0, "Demo") });
    enqueueClipMedia(clip.id);
    expect(await processDueMedia()).toMatchObject({ archived: 2 });
    expect(getMediaFile(clip.id, "audio")).toMatchObject({ status: "archived", contentType: "audio/wav" });
    expect(getMediaFile(clip.id, "image")?.path).toMatch(/cover\.svg$/);
  });

  it("deleteClipMedia removes the files and the rows", async () => {
    const clip = vendorClip();
    enqueueClipMedia(clip.id);
    await archiveEverythingDue();
    const dir = path.join(mediaRoot(), clip.id.slice(0, 2), clip.id);
    expect(fs.readdirSync(dir).sort()).toEqual(["audio.mp3", "cover.png"]);
    deleteClipMedia(clip.id);
    expect(fs.existsSync(dir)).toBe(false);
    expect(listMediaFilesForClip(clip.id)).toEqual([]);
  });
});

describe("verifyMediaArchive", () => {
  it("reports a missing and a corrupted file", async () => {
    const intact = vendorClip();
    const lost = vendorClip();
    const damaged = vendorClip();
    for (const c of [intact, lost, damaged]) enqueueClipMedia(c.id);
    await archiveEverythingDue();
    const lostPath = getMediaFile(lost.id, "audio")!.path!;
    const damagedPath = getMediaFile(damaged.id, "image")!.path!;
    fs.rmSync(path.join(mediaRoot(), lostPath));
    const file = path.join(mediaRoot(), damagedPath);
    const bytes = fs.readFileSync(file);
    bytes[10] ^= 0xff;
    fs.writeFileSync(file, bytes);

    const report = await verifyMediaArchive();
    const archived = getDb().select().from(mediaFiles).where(eq(mediaFiles.status, "archived")).all().length;
    expect(report.checked).toBe(archived);
    expect(report.ok).toBe(archived - 2);
    expect(report.missing).toEqual([{ clipId: lost.id, kind: "audio", path: lostPath }]);
    expect(report.corrupt).toEqual([
      { clipId: damaged.id, kind: "cover", path: damagedPath, expected: { size: cover.length, sha256: sha(cover) }, actual: { size: cover.length, sha256: sha(bytes) } },
    ]);
    // The missing file falls back to the vendor URL rather than failing.
    const fallback = await respondWithClipMedia(get(lost.id, "audio"), getDb().select().from(clips).where(eq(clips.id, lost.id)).get()!, "audio");
    expect(fallback.status).toBe(302);
    expect(fallback.headers.get("location")).toBe(lost.audioUrl);
  });
});
