import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertApiToken } from "@/lib/server/data/api-tokens";
import { storeTimedLyrics } from "@/lib/server/data/timed-lyrics";
import type { ClipRow, User } from "@/lib/server/db/schema";
import { newSecret, sha256Hex } from "@/lib/server/ids";
import { enqueueClipMedia, processDueMedia } from "@/lib/server/services/archive-media";
import { deleteClip, setClipStarred, setClipVisibility } from "@/lib/server/services/library";
import { addToPlaylist } from "@/lib/server/services/playlist-items";
import { createPlaylist } from "@/lib/server/services/playlists";
import { createClip, createProvider, createUser, openTestDb, type TestDb } from "../support/db";
import { waitFor } from "../support/wait-for";
import { makeMp3 } from "../support/tone-mp3";
import { id3v24, PNG, readZip } from "./export-support";
import { startServer, type TestServer } from "./media-support";

// GET /api/v1/export through the route handler with real Requests (a bearer token, as
// any API client), over a real SQLite file and a real media archive filled by the
// archive queue from a CDN on loopback. Each ZIP is read back with yauzl and each MP3's
// tags with music-metadata.

const { GET } = await import("@/app/api/v1/export/route");
const progressRoute = await import("@/app/api/v1/export/progress/[id]/route");

const mp3 = makeMp3();
const wav = Buffer.concat([Buffer.from("RIFF"), crypto.randomBytes(2000)]);
let db: TestDb;
let cdn: TestServer;
let providerId: string;
let alice: User & { token: string };
let bob: User & { token: string };
const made: Record<string, ClipRow> = {};

function withToken(user: User): User & { token: string } {
  const token = newSecret("sl_");
  insertApiToken({ userId: user.id, name: "test", tokenHash: sha256Hex(token), hint: token.slice(-4) });
  return { ...user, token };
}

function call(viewer: { token: string } | null, query = "") {
  const headers: Record<string, string> = viewer ? { authorization: `Bearer ${viewer.token}` } : {};
  return GET(new Request(`http://app.test/api/v1/export${query}`, { headers }));
}

async function progressOf(viewer: { token: string }, id: string, method = "GET") {
  const req = new Request(`http://app.test/api/v1/export/progress/${id}`, { method, headers: { authorization: `Bearer ${viewer.token}` } });
  const res = await (method === "GET" ? progressRoute.GET : progressRoute.DELETE)(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null };
}

async function zipOf(res: Response) {
  expect(res.status).toBe(200);
  return readZip(Buffer.from(await res.arrayBuffer()));
}

let at = Date.parse("2026-11-01T10:00:00Z");
function song(owner: User, title: string, values: Partial<ClipRow> = {}) {
  at += 60_000;
  return createClip(owner, { providerId, title, audioUrl: `${cdn.url}/${crypto.randomUUID()}.mp3`, imageUrl: `${cdn.url}/cover.png`, createdAt: new Date(at), ...values });
}

beforeAll(async () => {
  cdn = await startServer((req, res) => {
    const [type, body] = req.url?.endsWith(".png") ? ["image/png", PNG] : req.url?.endsWith(".wav") ? ["audio/wav", wav] : ["audio/mpeg", mp3];
    res.writeHead(200, { "content-type": type, "content-length": body.length });
    res.end(body);
  });
  db = openTestDb({ MEDIA_ALLOWED_HOSTS: `127.0.0.1:${cdn.port}` });
  providerId = createProvider("newapi", { name: "Relay One", baseUrl: "https://relay.example.com" }).id;
  alice = withToken(createUser({ name: "Alice" }));
  bob = withToken(createUser({ name: "Bob" }));
  made.night = song(alice, "Night Drive", { lyrics: "[Verse]\nNeon lights", style: "synthwave" });
  made.twin = song(alice, "Night Drive");
  made.odd = song(alice, 'Rain/Sun: "A"?');
  made.wave = song(alice, "Tape", { audioUrl: `${cdn.url}/tape.wav` });
  made.trashed = song(alice, "Gone");
  made.bobs = song(bob, "Bob's Team Song");
  made.bobsPrivate = song(bob, "Bob's Secret", { visibility: "private" });
  for (const clip of Object.values(made)) enqueueClipMedia(clip.id);
  await processDueMedia({ limit: 100 });
  // Made after the archive ran: its audio is not on this server yet.
  made.pending = song(alice, "Still Downloading");
  storeTimedLyrics(made.night.id, [
    { text: "Neon lights", start: 1.5, end: 3 },
    { text: "City nights", start: 62.25, end: 65 },
  ]);
  deleteClip(alice, made.trashed.id);
});

afterAll(async () => {
  await cdn.stop();
  db.cleanup();
});

describe("GET /api/v1/export", () => {
  it("answers 401 to a caller who is not signed in", async () => {
    const res = await call(null, "?scope=mine");
    expect(res.status).toBe(401);
  });

  it("exports a team playlist in its order with its name as the album, leaving out what the viewer may not see", async () => {
    const mix = createPlaylist(bob, { name: "Road Trip Mix", visibility: "team" });
    for (const clip of [made.bobsPrivate, made.night, made.bobs]) addToPlaylist(bob, mix.id, { clipId: clip.id });
    const secret = createPlaylist(bob, { name: "Bob Only", visibility: "private" });

    const res = await call(alice, `?playlist=${mix.id}`);
    expect(res.headers.get("content-disposition")).toMatch(/filename="songloft-playlist-\d{4}-\d{2}-\d{2}\.zip"/);
    expect(res.headers.get("x-songloft-export-count")).toBe("2");
    const entries = await zipOf(res);
    expect(entries.map((e) => e.name)).toEqual(["1 - Night Drive.mp3", "1 - Night Drive.lrc", "2 - Bob's Team Song.mp3", "songloft.json"]);
    const { frames } = await id3v24(entries[0].data);
    expect(frames.get("TALB")).toBe("Road Trip Mix");
    expect(frames.get("TRCK")).toBe("1/2");
    const manifest = JSON.parse(entries.find((e) => e.name === "songloft.json")!.data.toString());
    expect(manifest).toMatchObject({ source: "playlist", album: "Road Trip Mix", count: 2 });
    expect(JSON.stringify(manifest)).not.toContain(made.bobsPrivate.id);

    // The owner's own export of the same list includes his private song, first.
    const own = await zipOf(await call(bob, `?playlist=${mix.id}`));
    expect(own.map((e) => e.name)[0]).toBe("1 - Bob's Secret.mp3");
    expect((await call(alice, `?playlist=${secret.id}`)).status).toBe(404);
    expect((await call(alice, `?playlist=${mix.id}&scope=starred`)).status).toBe(400);
  });

  it("answers 400 naming the parameter for an unknown scope or parameter", async () => {
    const bad = await call(alice, "?scope=everything");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: Record<string, unknown> } }).error.details).toHaveProperty("scope");
    const unknown = await call(alice, "?scope=mine&folder=x");
    expect(((await unknown.json()) as { error: { details: Record<string, string[]> } }).error.details.folder).toEqual(["unknownField"]);
  });

  it("streams my live songs newest first as tagged ID3v2.4 MP3s, stored uncompressed, with .lrc and songloft.json", async () => {
    const res = await call(alice, "?scope=mine");
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="songloft-my-songs-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(res.headers.get("x-songloft-export-count")).toBe("5");
    const entries = await zipOf(res);
    expect(entries.map((e) => e.name)).toEqual(["2 - Tape.wav", "3 - Rain Sun A.mp3", "4 - Night Drive.mp3", "5 - Night Drive.mp3", "5 - Night Drive.lrc", "songloft.json"]);
    expect(entries.filter((e) => /\.(mp3|wav)$/.test(e.name)).every((e) => e.method === 0)).toBe(true);

    const night = entries.find((e) => e.name === "5 - Night Drive.mp3")!;
    const { meta, frames } = await id3v24(night.data);
    expect(meta.format.tagTypes).toContain("ID3v2.4");
    expect(frames.get("TIT2")).toBe("Night Drive");
    expect(frames.get("TPE1")).toBe("Alice");
    expect(frames.get("TALB")).toBe("Songloft");
    expect(frames.get("TRCK")).toBe("5/5");
    expect(frames.get("TXXX:songloft_id")).toBe(made.night.id);
    expect(frames.get("USLT")).toMatchObject({ text: "[Verse]\nNeon lights" });
    expect(frames.get("APIC")).toMatchObject({ format: "image/png", type: "Cover (front)" });
    expect(Buffer.from((frames.get("APIC") as { data: Uint8Array }).data).equals(PNG)).toBe(true);
    expect(meta.format.duration).toBeGreaterThan(0.9);

    expect(entries.find((e) => e.name === "2 - Tape.wav")!.data.equals(wav)).toBe(true);
    expect(entries.find((e) => e.name === "5 - Night Drive.lrc")!.data.toString()).toContain("[00:01.50]Neon lights\n[01:02.25]City nights");

    const manifest = JSON.parse(entries.find((e) => e.name === "songloft.json")!.data.toString());
    expect(manifest).toMatchObject({ format: "songloft-export", source: "mine", album: "Songloft", count: 5 });
    expect(manifest.clips.map((c: { id: string }) => c.id)).toEqual([made.pending, made.wave, made.odd, made.twin, made.night].map((c) => c.id));
    expect(manifest.clips[0]).toMatchObject({ title: "Still Downloading", file: null, missing: true, reason: "not_archived" });
    expect(manifest.clips[4]).toMatchObject({
      title: "Night Drive",
      style: "synthwave",
      creator: "Alice",
      provider: "Relay One",
      model: "v4.5",
      file: "5 - Night Drive.mp3",
      lrc: "5 - Night Drive.lrc",
    });
    expect(JSON.stringify(manifest)).not.toContain(made.trashed.id);
    expect(JSON.stringify(manifest)).not.toContain(made.bobs.id);
  });

  it("exports the songs I starred that I may still see, never another member's private song", async () => {
    expect(() => setClipStarred(alice, made.bobsPrivate.id, true)).toThrow(expect.objectContaining({ code: "not_found" }));
    setClipStarred(alice, made.bobs.id, true);
    setClipStarred(alice, made.odd.id, true);
    const shared = song(bob, "Shared Then Hidden");
    setClipStarred(alice, shared.id, true);
    setClipVisibility(bob, shared.id, "private");

    const res = await call(alice, "?scope=starred");
    expect(res.headers.get("content-disposition")).toMatch(/filename="songloft-starred-songs-/);
    expect(res.headers.get("x-songloft-export-count")).toBe("2");
    const entries = await zipOf(res);
    const manifest = JSON.parse(entries.find((e) => e.name === "songloft.json")!.data.toString());
    expect(manifest.clips.map((c: { id: string }) => c.id).sort()).toEqual([made.bobs.id, made.odd.id].sort());
    expect(JSON.stringify(manifest)).not.toContain(made.bobsPrivate.id);
    expect(JSON.stringify(manifest)).not.toContain(shared.id);
    const bobsFile = entries.find((e) => e.name.endsWith("Bob's Team Song.mp3"))!;
    const { frames } = await id3v24(bobsFile.data);
    expect(frames.get("TPE1")).toBe("Bob");
    expect(frames.get("TRCK")).toMatch(/^[12]\/2$/);
  });

  it("refuses a third export at once with 429 and frees a slot when a download is cancelled", async () => {
    const first = await call(bob, "?scope=mine");
    const second = await call(bob, "?scope=mine");
    const third = await call(bob, "?scope=mine");
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/already have 2 exports running/);
    await first.body!.cancel();
    const next = await waitFor(async () => {
      const res = await call(bob, "?scope=mine");
      return res.status === 200 ? res : void (await res.body?.cancel());
    });
    expect((await readZip(Buffer.from(await next.arrayBuffer()))).map((e) => e.name)).toContain("songloft.json");
    await second.body!.cancel();
  });

  it("reports songs and bytes to the page that named the export, and only to its owner, until it finishes", async () => {
    const res = await call(alice, "?scope=mine&progress=page-export-1");
    expect((await progressOf(alice, "page-export-1")).body).toMatchObject({ state: "running", total: 5 });
    expect((await progressOf(bob, "page-export-1")).status).toBe(404);
    const zip = Buffer.from(await res.arrayBuffer());
    const ended = await waitFor(async () => {
      const { body } = await progressOf(alice, "page-export-1");
      return body?.state === "finished" ? body : null;
    });
    expect(ended).toEqual({ state: "finished", total: 5, done: 5, bytes: zip.length });
  });

  it("cancels from the page: the download fails (never a cut ZIP that looks whole) and the progress says cancelled", async () => {
    const res = await call(alice, "?scope=mine&progress=page-export-2");
    const reader = res.body!.getReader();
    await reader.read();
    expect((await progressOf(alice, "page-export-2", "DELETE")).status).toBe(204);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "looked complete";
      })(),
    ).rejects.toThrow(/premature close/i);
    expect((await progressOf(alice, "page-export-2")).body).toMatchObject({ state: "cancelled" });
    expect((await progressOf(alice, "no-such-export")).status).toBe(404);
  });
});
