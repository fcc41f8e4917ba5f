import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { toClipDto, toClipSummaryDto } from "@/lib/server/data/clip-dto";
import { FTS_CANDIDATE_LIMIT, listClips, listClipSummaries, SEARCH_WINDOW, type ListClipsInput } from "@/lib/server/data/clips";
import { getDb } from "@/lib/server/db/client";
import { stars, type ClipRow, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { clipText, mulberry32 } from "@/tests/bench/clip-generator";
import { createClip, createUser, openTestDb, type TestDb } from "../support/db";

// The library lists against a plain re-implementation of their meaning: every page
// of every scope, filter and search (Chinese and English, 1 to many characters, FTS5
// syntax and LIKE wildcards typed by a user) concatenates to exactly the clips that
// match, newest first, with no duplicates and nothing missing.

let env: TestDb;
let users: User[];
let rows: ClipRow[];
const starredBy = new Map<string, Set<string>>();

type Query = Omit<ListClipsInput, "viewer" | "limit" | "cursor">;

function expected(viewer: User, q: Query): string[] {
  const words = q.q?.split(/\s+/).filter(Boolean) ?? [];
  return rows
    .filter((c) => {
      if (q.scope === "mine") return c.ownerId === viewer.id && Boolean(c.deletedAt) === Boolean(q.trash);
      if (c.deletedAt || c.visibility !== "team") return false;
      return q.scope === "team" || c.ownerId === q.memberId;
    })
    .filter((c) => (!q.status || c.state === q.status) && (!q.model || c.model === q.model) && (!q.provider || c.providerId === q.provider))
    .filter((c) => !q.starred || starredBy.get(viewer.id)?.has(c.id))
    .filter((c) => (!q.from || c.createdAt >= q.from) && (!q.to || c.createdAt <= q.to))
    .filter((c) => words.every((w) => [c.title, c.lyrics, c.style, c.prompt].some((t) => t?.toLowerCase().includes(w.toLowerCase()))))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((c) => c.id);
}

function everyPage(viewer: User, q: Query, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = listClips({ ...q, viewer, limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
    expect(pages).toBeLessThan(2000);
  } while (cursor);
  return { ids, pages };
}

beforeAll(() => {
  env = openTestDb({ NEWAPI_BASE_URL: "https://relay.example.com", NEWAPI_API_KEY: "test-key" });
  users = [createUser({ name: "Ann" }), createUser({ name: "Ben" }), createUser({ name: "Cai" })];
  const rng = mulberry32(42);
  const start = Date.UTC(2024, 0, 1);
  rows = [];
  for (let i = 0; i < 420; i++) {
    const text = clipText(rng);
    // Pairs share a timestamp, as the two takes of a task do: the id breaks the tie.
    rows.push(
      createClip(users[Math.floor(rng() * 3)], {
        title: text.title,
        lyrics: text.lyrics,
        style: text.style,
        prompt: text.prompt,
        state: (["succeeded", "succeeded", "succeeded", "failed", "streaming"] as const)[Math.floor(rng() * 5)],
        model: (["v4", "v4.5+", "v5"] as const)[Math.floor(rng() * 3)],
        providerId: rng() < 0.5 ? "demo" : "newapi",
        visibility: rng() < 0.2 ? "private" : "team",
        deletedAt: rng() < 0.05 ? new Date() : null,
        createdAt: new Date(start + Math.floor(i / 2) * 3_600_000),
      }),
    );
  }
  for (const clip of rows) {
    for (const user of users) {
      const visible = clip.ownerId === user.id || clip.visibility === "team";
      if (visible && rng() < 0.15) {
        getDb().insert(stars).values({ userId: user.id, clipId: clip.id }).run();
        (starredBy.get(user.id) ?? starredBy.set(user.id, new Set()).get(user.id)!).add(clip.id);
      }
    }
  }
});
afterAll(() => env.cleanup());

describe("listClips", () => {
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
  const queries = (): [string, Query][] => {
    const [, ben] = users;
    const base: [string, Query][] = [
      ["mine", { scope: "mine" }],
      ["trash", { scope: "mine", trash: true }],
      ["team", { scope: "team" }],
      ["member", { scope: "member", memberId: ben.id }],
    ];
    const filters: [string, Partial<Query>][] = [
      ["", {}],
      ["failed", { status: "failed" }],
      ["v4.5+", { model: "v4.5+" }],
      ["newapi", { provider: "newapi" }],
      ["starred", { starred: true }],
      ["dates", { from: day(3), to: day(6) }],
      ["all filters", { status: "succeeded", model: "v5", provider: "demo", starred: true, from: day(1), to: day(8) }],
    ];
    const searches = [
      "爱",
      "月光",
      "温柔的",
      "love",
      "LOVE",
      "night 夜",
      "lo",
      "a",
      "🎵",
      '"',
      'love"',
      "NEAR(love",
      "lo*",
      "-love",
      "^love",
      "a:b",
      "%",
      "_",
      "\\",
      "'",
      "(",
      ";DROP TABLE clips;--",
      "love OR 爱",
    ];
    const out: [string, Query][] = [];
    for (const [s, scope] of base) {
      for (const [f, filter] of filters) out.push([`${s} ${f}`, { ...scope, ...filter }]);
      for (const q of searches) out.push([`${s} q=${q}`, { ...scope, q }]);
      out.push([`${s} q=爱 + starred`, { ...scope, q: "爱", starred: true }]);
    }
    return out;
  };

  it("pages through exactly the matching clips, newest first, for every scope, filter and search", () => {
    let nonEmpty = 0;
    for (const [label, q] of queries()) {
      for (const viewer of users.slice(0, 2)) {
        const want = expected(viewer, q);
        const { ids } = everyPage(viewer, q, 7);
        expect(ids, `${label} as ${viewer.name}`).toEqual(want);
        if (want.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it("fills every page but the last when not searching", () => {
    const { ids, pages } = everyPage(users[0], { scope: "team" }, 10);
    expect(pages).toBe(Math.floor(ids.length / 10) + 1);
  });

  it("answers a malformed cursor with a 400, not a crash", () => {
    for (const cursor of ["!!!", "abc", Buffer.from("12:").toString("base64url"), Buffer.from("x:y").toString("base64url"), "a".repeat(500)]) {
      let error: unknown;
      try {
        listClips({ viewer: users[0], scope: "mine", limit: 5, cursor });
      } catch (err) {
        error = err;
      }
      expect(error, cursor).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
    }
  });

  it("lists summaries page for page like whole rows, with the same list fields", () => {
    // Media columns the fixture leaves alone: covers in either size, live previews, no audio yet.
    const ann = users[0];
    const start = Date.UTC(2025, 0, 1);
    createClip(ann, { title: "large cover only", imageLargeUrl: "https://cdn1.suno.ai/l.png", createdAt: new Date(start) });
    createClip(ann, { title: "small cover", imageUrl: "https://cdn1.suno.ai/s.png", createdAt: new Date(start + 1) });
    createClip(ann, { title: "streaming", state: "streaming", audioUrl: null, streamAudioUrl: "https://cdn1.suno.ai/live.mp3", createdAt: new Date(start + 2) });
    createClip(ann, { title: "demo preview", state: "streaming", audioUrl: null, streamAudioUrl: "demo:abc", createdAt: new Date(start + 3) });
    createClip(ann, { title: "queued", state: "queued", audioUrl: null, createdAt: new Date(start + 4) });
    for (const [label, q] of queries().filter((_, i) => i % 5 === 0)) {
      for (const viewer of users.slice(0, 2)) {
        let cursor: string | undefined;
        do {
          const full = listClips({ ...q, viewer, limit: 9, cursor });
          const summaries = listClipSummaries({ ...q, viewer, limit: 9, cursor });
          expect(summaries.nextCursor, label).toBe(full.nextCursor);
          expect(
            summaries.items.map((row) => toClipSummaryDto(row, row)),
            label,
          ).toEqual(
            full.items.map((row) => {
              const { id, providerId, title, style, model, duration, state, audioUrl, previewUrl, imageUrl, visibility, starred, owner, createdAt, deletedAt, waveform } =
                toClipDto(row, row);
              return { id, providerId, title, style, model, duration, state, audioUrl, previewUrl, imageUrl, visibility, starred, owner, createdAt, deletedAt, waveform };
            }),
          );
          cursor = full.nextCursor ?? undefined;
        } while (cursor);
      }
    }
    const mine = listClipSummaries({ viewer: ann, scope: "mine", limit: 5 }).items.map((row) => toClipSummaryDto(row, row));
    expect(mine.map((c) => [c.title, Boolean(c.imageUrl), c.audioUrl ?? c.previewUrl])).toEqual([
      ["queued", false, null],
      ["demo preview", false, `/media/${mine[1].id}/audio`],
      ["streaming", false, "https://cdn1.suno.ai/live.mp3"],
      ["small cover", true, `/media/${mine[3].id}/audio`],
      ["large cover only", true, `/media/${mine[4].id}/audio`],
    ]);
    // Summaries leave the long text behind.
    expect(Object.keys(listClipSummaries({ viewer: ann, scope: "mine", limit: 1 }).items[0])).not.toContain("lyrics");
  });

  it("marks stars and owners on every row", () => {
    const page = listClips({ viewer: users[1], scope: "team", limit: 50 });
    for (const row of page.items) {
      expect(row.starred).toBe(starredBy.get(users[1].id)?.has(row.id) ?? false);
      expect(row.ownerName).toBe(users.find((u) => u.id === row.ownerId)?.name);
    }
  });
});

describe("searching a large history", () => {
  let owner: User;
  let oldest: string;

  beforeAll(() => {
    owner = createUser({ name: "Dee" });
    const sqlite = getDb().$client;
    const task = newId();
    sqlite.prepare("INSERT INTO tasks (id, owner_id, provider_id, kind, request, status, created_at) VALUES (?, ?, 'demo', 'music', '{}', 'succeeded', 0)").run(task, owner.id);
    const insert = sqlite.prepare(
      "INSERT INTO clips (id, task_id, owner_id, provider_id, vendor_clip_id, title, state, model, visibility, created_at) VALUES (?, ?, ?, 'demo', ?, ?, 'succeeded', 'v5', 'team', ?)",
    );
    const total = SEARCH_WINDOW + 200;
    sqlite.transaction(() => {
      for (let i = 0; i < total; i++) {
        const id = newId();
        if (i === 0) oldest = id;
        insert.run(id, task, owner.id, newId(), i === 0 ? "common ballad 稀有" : `common ballad ${i}`, Date.UTC(2023, 0, 1) + i * 1000);
      }
    })();
  });

  it("reads at most one window of rows per page for a short word, and the cursor carries on to the end", () => {
    const first = listClips({ viewer: owner, scope: "mine", q: "稀有", limit: 24 });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    const { ids, pages } = everyPage(owner, { scope: "mine", q: "稀有" }, 24);
    expect(ids).toEqual([oldest]);
    expect(pages).toBe(2);
  });

  it("walks the index for a word too common for the FTS candidates, and still finds every match", () => {
    expect(SEARCH_WINDOW + 200).toBeGreaterThan(FTS_CANDIDATE_LIMIT);
    const { ids } = everyPage(owner, { scope: "member", memberId: owner.id, q: "Common BALLAD" }, 100);
    expect(ids.length).toBe(SEARCH_WINDOW + 200);
    expect(ids.at(-1)).toBe(oldest);
    expect(everyPage(owner, { scope: "team", q: "ballad 稀有" }, 24).ids).toEqual([oldest]);
  });
});
