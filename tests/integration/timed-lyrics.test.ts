import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { insertApiToken } from "@/lib/server/data/api-tokens";
import { getDb } from "@/lib/server/db/client";
import { clips, type ClipRow, type User } from "@/lib/server/db/schema";
import { newSecret, sha256Hex } from "@/lib/server/ids";
import { getProvider } from "@/lib/server/providers/registry";
import { VendorError, type ProviderAdapter, type TimedLine } from "@/lib/server/providers/types";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";

// GET /api/v1/clips/<id>/timed-lyrics through its route handler, with the demo
// provider's adapter watched (and, where a test needs it, held or failing): the
// vendor is asked once per clip, the answer is kept, and the clip's access rule holds.

const { GET } = await import("@/app/api/v1/clips/[id]/timed-lyrics/route");

const LYRICS = "[Verse]\nStreetlights humming like a song in my head\nAll the words for summer that we never said\n\n[Chorus]\nOh, river, carry me home";

let db: TestDb;
let alice: User & { token: string };
let bob: User & { token: string };
let adapter: ProviderAdapter;

function withToken(user: User): User & { token: string } {
  const token = newSecret("sl_");
  insertApiToken({ userId: user.id, name: "test", tokenHash: sha256Hex(token), hint: token.slice(-4) });
  return { ...user, token };
}

async function ask(viewer: { token: string } | null, clipId: string) {
  const headers = viewer ? { authorization: `Bearer ${viewer.token}` } : undefined;
  const res = await GET(new Request(`http://app.test/api/v1/clips/${clipId}/timed-lyrics`, { headers }), { params: Promise.resolve({ id: clipId }) });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { lines?: TimedLine[]; status?: string; error?: { code: string; message: string } },
  };
}

const storedLines = (clipId: string) => getDb().select({ lines: clips.timedLyrics }).from(clips).where(eq(clips.id, clipId)).get()?.lines;
const song = (owner: User, values: Partial<ClipRow> = {}) =>
  createClip(owner, { taskId: createTask(owner, { vendorTaskId: "demo-task-1" }).id, lyrics: LYRICS, duration: 30, audioUrl: "demo:audio/0123456789ab-0.wav?d=30.00", ...values });

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeAll(() => {
  db = openTestDb({ DEMO_PROVIDER: "on" });
  alice = withToken(createUser({ name: "Alice" }));
  bob = withToken(createUser({ name: "Bob" }));
  adapter = getProvider("demo")!.adapter;
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => db.cleanup());

describe("GET /api/v1/clips/<id>/timed-lyrics", () => {
  it("asks the vendor once, with the clip as it knows it, and serves the stored lines after that", async () => {
    const fetchTimed = vi.spyOn(adapter, "fetchTimedLyrics");
    const clip = song(alice);
    const first = await ask(bob, clip.id);
    expect(first.status).toBe(200);
    expect(first.body.lines!.map((l) => l.text)).toEqual([
      "Streetlights humming like a song in my head",
      "All the words for summer that we never said",
      "Oh, river, carry me home",
    ]);
    expect(first.body.lines![0].start).toBeLessThan(first.body.lines![1].start);
    expect(first.body.lines!.at(-1)!.end).toBeLessThanOrEqual(30);
    expect(fetchTimed).toHaveBeenCalledTimes(1);
    expect(fetchTimed.mock.calls[0][0]).toMatchObject({ vendorClipId: clip.vendorClipId, vendorTaskId: "demo-task-1", duration: 30, title: clip.title, lyrics: LYRICS });
    expect(storedLines(clip.id)).toEqual(first.body.lines);

    const again = await ask(alice, clip.id);
    expect(again).toMatchObject({ status: 200, body: { lines: first.body.lines } });
    expect(fetchTimed).toHaveBeenCalledTimes(1);
  });

  it("answers 202 with Retry-After while the first fetch runs, without asking twice, then the lines", async () => {
    const held = deferred<TimedLine[]>();
    const fetchTimed = vi.spyOn(adapter, "fetchTimedLyrics").mockReturnValue(held.promise);
    const clip = song(alice);
    const [one, two] = await Promise.all([ask(alice, clip.id), ask(bob, clip.id)]);
    for (const pending of [one, two]) expect(pending).toMatchObject({ status: 202, retryAfter: "2", body: { status: "pending" } });
    expect(fetchTimed).toHaveBeenCalledTimes(1);

    held.resolve([{ text: "Oh, river", start: 1.5, end: 4 }]);
    await expect.poll(() => storedLines(clip.id)).toEqual([{ text: "Oh, river", start: 1.5, end: 4 }]);
    expect(await ask(alice, clip.id)).toMatchObject({ status: 200, body: { lines: [{ text: "Oh, river", start: 1.5, end: 4 }] } });
    expect(fetchTimed).toHaveBeenCalledTimes(1);
  });

  it("answers a vendor failure as a 502 with the vendor's reason, stores nothing, and asks again on the next request", async () => {
    const fetchTimed = vi
      .spyOn(adapter, "fetchTimedLyrics")
      .mockRejectedValueOnce(new VendorError("vendor_unavailable", "alignment service down", { fromVendor: true, httpStatus: 503 }));
    const clip = song(alice);
    const failed = await ask(alice, clip.id);
    expect(failed.status).toBe(502);
    expect(failed.body.error!.code).toBe("vendor_error");
    expect(failed.body.error!.message).toContain("alignment service down");
    expect(storedLines(clip.id)).toBeNull();

    const retried = await ask(alice, clip.id);
    expect(retried.status).toBe(200);
    expect(retried.body.lines!.length).toBe(3);
    expect(fetchTimed).toHaveBeenCalledTimes(2);
  });

  it("keeps [] for an instrumental without asking the vendor", async () => {
    const fetchTimed = vi.spyOn(adapter, "fetchTimedLyrics");
    const clip = song(alice, { lyrics: null });
    expect(await ask(alice, clip.id)).toMatchObject({ status: 200, body: { lines: [] } });
    expect(storedLines(clip.id)).toEqual([]);
    expect(fetchTimed).not.toHaveBeenCalled();
  });

  it("is 404 for another member's private clip and 401 signed out, and never asks the vendor for them", async () => {
    const fetchTimed = vi.spyOn(adapter, "fetchTimedLyrics");
    const secret = song(alice, { visibility: "private" });
    const res = await ask(bob, secret.id);
    expect(res.status).toBe(404);
    expect(res.body.error!.code).toBe("not_found");
    expect((await ask(null, secret.id)).status).toBe(401);
    expect((await ask(bob, "doesnotexist000")).status).toBe(404);
    expect(fetchTimed).not.toHaveBeenCalled();
    expect(storedLines(secret.id)).toBeNull();
  });

  it("says clearly when the provider cannot time lyrics or the song is not finished", async () => {
    const original = adapter.fetchTimedLyrics;
    (adapter as { fetchTimedLyrics?: unknown }).fetchTimedLyrics = undefined;
    try {
      const res = await ask(alice, song(alice).id);
      expect(res.status).toBe(409);
      expect(res.body.error!.message).toBe("The provider Demo (offline) cannot give timed lyrics.");
    } finally {
      adapter.fetchTimedLyrics = original;
    }
    const unfinished = await ask(alice, song(alice, { state: "streaming", audioUrl: null }).id);
    expect(unfinished.status).toBe(409);
    expect(unfinished.body.error!.message).toContain("not finished");
  });
});
