import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertApiToken } from "@/lib/server/data/api-tokens";
import { getDb } from "@/lib/server/db/client";
import { clips, type ClipRow, type User } from "@/lib/server/db/schema";
import { newSecret, sha256Hex } from "@/lib/server/ids";
import { demoAudioUrl, demoCoverUrl } from "@/lib/server/providers/demo/assets";
import { enqueueClipMedia, processDueMedia } from "@/lib/server/services/archive-media";
import { eq } from "drizzle-orm";
import { createClip, createProvider, createTask, createUser, openTestDb, type TestDb } from "../support/db";
import { serveBytes, startServer, type TestServer } from "./media-support";

// The route handler itself, called with a real Request: a bearer token identifies the
// viewer (the media URLs the API hands out take tokens like the API), so the real
// access rule runs (SEC-2).

const { GET, HEAD } = await import("@/app/media/[clipId]/[kind]/route");

const song = crypto.randomBytes(3000);
const wav = Buffer.concat([Buffer.from("RIFF"), crypto.randomBytes(4000)]);
let db: TestDb;
let cdn: TestServer;
let alice: User & { token: string };
let bob: User & { token: string };
let providerId: string;

function withToken(user: User): User & { token: string } {
  const token = newSecret("sl_");
  insertApiToken({ userId: user.id, name: "test", tokenHash: sha256Hex(token), hint: token.slice(-4) });
  return { ...user, token };
}

async function call(viewer: { token: string } | null, clipId: string, kind: string, init: { method?: string; headers?: Record<string, string>; query?: string } = {}) {
  const headers = { ...init.headers, ...(viewer ? { authorization: `Bearer ${viewer.token}` } : {}) };
  const request = new Request(`http://app.test/media/${clipId}/${kind}${init.query ?? ""}`, { method: init.method ?? "GET", headers });
  const handler = init.method === "HEAD" ? HEAD : GET;
  return handler(request, { params: Promise.resolve({ clipId, kind }) });
}

beforeAll(async () => {
  // The vendor's CDN: the WAV a wav task made, and the MP3 for everything else.
  cdn = await startServer((req, res) => (req.url?.endsWith(".wav") ? serveBytes(wav, "audio/wav") : serveBytes(song, "audio/mpeg"))(req, res));
  db = openTestDb({ MEDIA_ALLOWED_HOSTS: `127.0.0.1:${cdn.port}` });
  providerId = createProvider("newapi", { baseUrl: "https://relay.example.com" }).id;
  alice = withToken(createUser({ name: "Alice" }));
  bob = withToken(createUser({ name: "Bob" }));
});

afterAll(async () => {
  await cdn.stop();
  db.cleanup();
});

const clipOf = (owner: User, values: Partial<ClipRow> = {}) =>
  createClip(owner, { providerId, audioUrl: `${cdn.url}/a.mp3`, imageUrl: "https://cdn2.suno.ai/image_x.jpeg", ...values });

describe("GET /media/<clip>/<kind>", () => {
  it("answers 401 to a signed-out visitor", async () => {
    const clip = clipOf(alice);
    const res = await call(null, clip.id, "audio");
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("answers 404 for another member's private clip, a deleted clip, an unknown clip and an unknown kind", async () => {
    const secret = clipOf(alice, { visibility: "private" });
    const deleted = clipOf(alice, { deletedAt: new Date() });
    const visible = clipOf(alice);
    expect((await call(bob, secret.id, "audio")).status).toBe(404);
    expect((await call(bob, secret.id, "cover")).status).toBe(404);
    expect((await call(bob, deleted.id, "audio")).status).toBe(404);
    expect((await call(alice, deleted.id, "audio")).status).toBe(404);
    expect((await call(bob, "doesnotexist000", "audio")).status).toBe(404);
    expect((await call(alice, visible.id, "lyrics")).status).toBe(404);
  });

  it("lets the owner, and a teammate for a team clip, follow the vendor URL until archived", async () => {
    const secret = clipOf(alice, { visibility: "private" });
    const team = clipOf(alice);
    const own = await call(alice, secret.id, "audio");
    expect(own.status).toBe(302);
    expect(own.headers.get("location")).toBe(`${cdn.url}/a.mp3`);
    const mate = await call(bob, team.id, "cover");
    expect(mate.status).toBe(302);
    expect(mate.headers.get("location")).toBe("https://cdn2.suno.ai/image_x.jpeg");
  });

  it("never redirects audio to a live audiopipe stream", async () => {
    const streaming = clipOf(alice, { audioUrl: null, streamAudioUrl: "https://audiopipe.suno.ai/?item_id=1", state: "streaming" });
    expect((await call(alice, streaming.id, "audio")).status).toBe(404);
  });

  it("serves the archive with ranges, a readable file name and download on request", async () => {
    const clip = clipOf(alice, { title: "晚风 Evening" });
    enqueueClipMedia(clip.id);
    await processDueMedia();
    const full = await call(bob, clip.id, "audio");
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("audio/mpeg");
    expect(Buffer.from(await full.arrayBuffer()).equals(song)).toBe(true);
    const part = await call(bob, clip.id, "audio", { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(song.subarray(100, 200))).toBe(true);
    expect((await call(bob, clip.id, "audio", { headers: { range: "bytes=999999-" } })).status).toBe(416);
    const head = await call(bob, clip.id, "audio", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(song.length));
    const download = await call(alice, clip.id, "audio", { query: "?download=1" });
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="__ Evening.mp3"; filename*=UTF-8''${encodeURIComponent("晚风 Evening.mp3")}`);
    // Once private, the archived file is as hidden as the clip.
    getDb().update(clips).set({ visibility: "private" }).where(eq(clips.id, clip.id)).run();
    expect((await call(bob, clip.id, "audio")).status).toBe(404);
  });

  it("renders a demo clip's media on the fly, the SVG cover under a locked-down CSP", async () => {
    const clip = createClip(alice, {
      providerId: "demo",
      title: "Night Drive",
      audioUrl: demoAudioUrl("0123456789ab", 1, 2),
      imageUrl: demoCoverUrl("0123456789ab", 1, "Demo <b>"),
    });
    const audio = await call(alice, clip.id, "audio", { headers: { range: "bytes=0-3" } });
    expect(audio.status).toBe(206);
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await audio.arrayBuffer()).toString("ascii")).toBe("RIFF");
    const cover = await call(alice, clip.id, "cover");
    expect(cover.headers.get("content-type")).toBe("image/svg+xml");
    expect(cover.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(cover.headers.get("content-disposition")).toBe('attachment; filename="Night Drive.svg"');
  });

  it("serves a clip's WAV like its audio: vendor file first, then the archive with ranges, under the same access rule", async () => {
    const clip = clipOf(alice, { title: "Rain", wavUrl: `${cdn.url}/w/rain.wav` });
    const early = await call(bob, clip.id, "wav");
    expect(early.status).toBe(302);
    expect(early.headers.get("location")).toBe(`${cdn.url}/w/rain.wav`);
    expect((await call(alice, clipOf(alice).id, "wav")).status).toBe(404);

    enqueueClipMedia(clip.id);
    await processDueMedia();
    const part = await call(bob, clip.id, "wav", { headers: { range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("audio/wav");
    expect(part.headers.get("content-range")).toBe(`bytes 0-3/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString("ascii")).toBe("RIFF");
    const download = await call(bob, clip.id, "wav", { query: "?download=1" });
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="Rain.wav"');
    expect(Buffer.from(await download.arrayBuffer()).equals(wav)).toBe(true);

    getDb().update(clips).set({ visibility: "private" }).where(eq(clips.id, clip.id)).run();
    expect((await call(bob, clip.id, "wav")).status).toBe(404);
  });

  it("names the second take of a song apart from the first, in every format", async () => {
    const task = createTask(alice, { providerId });
    const takes = [0, 1].map((position) => clipOf(alice, { taskId: task.id, position, title: "Night Drive", wavUrl: `${cdn.url}/w/${position}.wav` }));
    for (const take of takes) enqueueClipMedia(take.id);
    await processDueMedia();
    const names = async (kind: string) => Promise.all(takes.map(async (take) => (await call(alice, take.id, kind, { query: "?download=1" })).headers.get("content-disposition")));
    expect(await names("audio")).toEqual(['attachment; filename="Night Drive.mp3"', 'attachment; filename="Night Drive (take 2).mp3"']);
    expect(await names("wav")).toEqual(['attachment; filename="Night Drive.wav"', 'attachment; filename="Night Drive (take 2).wav"']);
  });

  it("keeps a stem's own title: vocals and instrumental are parts, not takes", async () => {
    const task = createTask(alice, { providerId, kind: "stems" });
    const instrumental = clipOf(alice, { taskId: task.id, position: 1, title: "Night Drive - Instrumental" });
    enqueueClipMedia(instrumental.id);
    await processDueMedia();
    const res = await call(alice, instrumental.id, "audio", { query: "?download=1" });
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Night Drive - Instrumental.mp3"');
  });
});
