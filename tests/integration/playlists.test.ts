import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { deleteClip, purgeClip, setClipVisibility } from "@/lib/server/services/library";
import { addToPlaylist, removeFromPlaylist, reorderPlaylist } from "@/lib/server/services/playlist-items";
import { createPlaylistShare, openPublicShare, servePlaylistTrackMedia } from "@/lib/server/services/playlist-shares";
import { createPlaylist, deletePlaylist, getPlaylistDetail, listPlaylistsPage, MAX_PLAYLISTS_PER_USER, updatePlaylist } from "@/lib/server/services/playlists";
import { listMyShares, openShare, revokeShare } from "@/lib/server/services/shares";
import { createClip, createUser, openTestDb, type TestDb } from "../support/db";

// Playlists at the service, on a real database: who sees and changes what, which songs
// each viewer sees inside, the caps, the cascades, and the public link (SEC-17).

const tokenOf = (url: string) => url.split("/").pop()!;
const titles = (p: { items: { title: string }[] }) => p.items.map((c) => c.title);
const audio = (token: string, n: number) => servePlaylistTrackMedia(new Request(`http://test/s/${token}/tracks/${n}/audio`), token, n, "audio", "203.0.113.5");

describe("playlists", () => {
  let db: TestDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(() => db.cleanup());

  it("a private playlist is its owner's alone; a team one is every member's to see, the owner's to change", () => {
    const olive = createUser({ name: "Olive" });
    const tom = createUser({ name: "Tom" });
    const secret = createPlaylist(olive, { name: "Drafts", visibility: "private" });
    const shared = createPlaylist(olive, { name: "Road trip", description: "Long drives", visibility: "team" });

    expect(() => getPlaylistDetail(tom, secret.id)).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => updatePlaylist(tom, secret.id, { name: "Mine now" })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(getPlaylistDetail(tom, shared.id)).toMatchObject({ name: "Road trip", description: "Long drives", owner: { name: "Olive" }, isOwner: false });
    expect(listPlaylistsPage(tom, { scope: "team", limit: 50 }).items.map((p) => p.name)).toEqual(["Road trip"]);
    expect(
      listPlaylistsPage(olive, { scope: "mine", limit: 50 })
        .items.map((p) => p.name)
        .sort(),
    ).toEqual(["Drafts", "Road trip"]);

    const clip = createClip(tom, { title: "Tom's song" });
    for (const attempt of [
      () => updatePlaylist(tom, shared.id, { name: "Hijacked" }),
      () => deletePlaylist(tom, shared.id),
      () => addToPlaylist(tom, shared.id, { clipId: clip.id }),
      () => reorderPlaylist(tom, shared.id, { clipIds: [] }),
      () => createPlaylistShare(tom, shared.id),
    ]) {
      expect(attempt).toThrow(expect.objectContaining({ code: "forbidden" }));
    }
    expect(updatePlaylist(olive, shared.id, { visibility: "private", description: "" })).toMatchObject({ visibility: "private", description: null });
    expect(() => getPlaylistDetail(tom, shared.id)).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("shows each viewer only the songs they may see, in the owner's order", () => {
    const olive = createUser({ name: "Olive" });
    const tom = createUser({ name: "Tom" });
    const list = createPlaylist(olive, { name: "Mix", visibility: "team" });
    const a = createClip(olive, { title: "A" });
    const mine = createClip(olive, { title: "Olive private", visibility: "private" });
    const b = createClip(tom, { title: "B" });
    for (const clip of [a, mine, b]) addToPlaylist(olive, list.id, { clipId: clip.id });
    expect(titles(getPlaylistDetail(olive, list.id))).toEqual(["A", "Olive private", "B"]);
    expect(titles(getPlaylistDetail(tom, list.id))).toEqual(["A", "B"]);

    // Tom's song goes private: Olive no longer sees it, Tom still does.
    setClipVisibility(tom, b.id, "private");
    expect(titles(getPlaylistDetail(olive, list.id))).toEqual(["A", "Olive private"]);
    expect(titles(getPlaylistDetail(tom, list.id))).toEqual(["A", "B"]);
    // A trashed song is gone for everyone, its owner too.
    deleteClip(olive, a.id);
    expect(titles(getPlaylistDetail(olive, list.id))).toEqual(["Olive private"]);
    expect(titles(getPlaylistDetail(tom, list.id))).toEqual(["B"]);
  });

  it("adds at a position, refuses doubles and unseen songs, removes and reorders by permutation only", () => {
    const olive = createUser();
    const tom = createUser({ name: "Tom" });
    const list = createPlaylist(olive, { name: "Set", visibility: "team" });
    const [a, b, c] = ["A", "B", "C"].map((title) => createClip(olive, { title }));
    addToPlaylist(olive, list.id, { clipId: a.id });
    addToPlaylist(olive, list.id, { clipId: b.id });
    expect(titles(addToPlaylist(olive, list.id, { clipId: c.id, position: 0 }))).toEqual(["C", "A", "B"]);
    expect(() => addToPlaylist(olive, list.id, { clipId: a.id })).toThrow(expect.objectContaining({ code: "conflict" }));
    const tomsPrivate = createClip(tom, { visibility: "private" });
    expect(() => addToPlaylist(olive, list.id, { clipId: tomsPrivate.id })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => addToPlaylist(olive, list.id, { clipId: a.id, extra: 1 })).toThrow(expect.objectContaining({ code: "validation", details: { extra: ["unknownField"] } }));

    expect(titles(reorderPlaylist(olive, list.id, { clipIds: [b.id, a.id, c.id] }))).toEqual(["B", "A", "C"]);
    expect(() => reorderPlaylist(olive, list.id, { clipIds: [b.id, a.id] })).toThrow(
      expect.objectContaining({ code: "validation", details: expect.objectContaining({ clipIds: ["notPermutation"], missing: [c.id] }) }),
    );
    expect(() => reorderPlaylist(olive, list.id, { clipIds: [b.id, a.id, a.id, "nope"] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ duplicates: [a.id], unknown: ["nope"], missing: [c.id] }) }),
    );

    removeFromPlaylist(olive, list.id, a.id);
    expect(getPlaylistDetail(olive, list.id)).toMatchObject({ itemCount: 2 });
    expect(titles(addToPlaylist(olive, list.id, { clipId: a.id, position: 1 }))).toEqual(["B", "A", "C"]);
    expect(() => removeFromPlaylist(olive, list.id, "not-there")).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("caps names, descriptions, songs per playlist and playlists per member with clear errors", () => {
    const olive = createUser();
    expect(() => createPlaylist(olive, { name: "x".repeat(101), visibility: "team" })).toThrow(expect.objectContaining({ code: "validation", details: { name: ["nameTooLong"] } }));
    expect(() => createPlaylist(olive, { name: " ", description: "d".repeat(1001), visibility: "open" })).toThrow(
      expect.objectContaining({ details: { name: ["nameRequired"], description: ["descriptionTooLong"], visibility: ["visibilityInvalid"] } }),
    );

    const list = createPlaylist(olive, { name: "Full", visibility: "private" });
    const sqlite = getDb().$client;
    const clip = createClip(olive);
    // 1000 stored items (the same clip row stands in for each, by a fake id) reach the cap.
    sqlite.pragma("foreign_keys = OFF");
    const insert = sqlite.prepare("INSERT INTO playlist_items (playlist_id, clip_id, position, added_at) VALUES (?, ?, ?, 0)");
    for (let i = 0; i < 1000; i++) insert.run(list.id, `filler-${i}`, i);
    sqlite.pragma("foreign_keys = ON");
    sqlite.prepare("UPDATE playlists SET item_count = 1000 WHERE id = ?").run(list.id);
    expect(() => addToPlaylist(olive, list.id, { clipId: clip.id })).toThrow(expect.objectContaining({ code: "conflict", key: "playlists.errors.tooManyItems" }));

    const many = sqlite.prepare("INSERT INTO playlists (id, owner_id, name, visibility, created_at, updated_at) VALUES (?, ?, 'p', 'private', 0, 0)");
    for (let i = 1; i < MAX_PLAYLISTS_PER_USER; i++) many.run(`pl-${i}`, olive.id);
    expect(() => createPlaylist(olive, { name: "One more", visibility: "team" })).toThrow(expect.objectContaining({ code: "conflict", key: "playlists.errors.tooManyPlaylists" }));
    expect(createPlaylist(createUser(), { name: "Someone else's first", visibility: "team" }).name).toBe("Someone else's first");
  });

  it("pages the lists by a cursor, most recently changed first", () => {
    const olive = createUser();
    for (const name of ["one", "two", "three"]) createPlaylist(olive, { name, visibility: "team" });
    const first = listPlaylistsPage(olive, { scope: "mine", limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = listPlaylistsPage(olive, { scope: "mine", limit: 2, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((p) => p.name).sort()).toEqual(["one", "three", "two"]);
  });

  it("deleting a playlist takes its songs' places and its links; purging a song takes it out of every playlist", () => {
    const olive = createUser();
    const list = createPlaylist(olive, { name: "Gone soon", visibility: "team" });
    const clip = createClip(olive, { title: "Kept" });
    addToPlaylist(olive, list.id, { clipId: clip.id });
    const other = createPlaylist(olive, { name: "Other", visibility: "team" });
    addToPlaylist(olive, other.id, { clipId: clip.id });
    const share = createPlaylistShare(olive, list.id);

    deletePlaylist(olive, list.id);
    const count = (sql: string, ...args: string[]) =>
      (
        getDb()
          .$client.prepare(sql)
          .get(...args) as { n: number }
      ).n;
    expect(count("SELECT count(*) AS n FROM playlist_items WHERE playlist_id = ?", list.id)).toBe(0);
    expect(count("SELECT count(*) AS n FROM shares WHERE id = ?", share.id)).toBe(0);
    expect(openPublicShare(tokenOf(share.url), "x")).toBeNull();

    deleteClip(olive, clip.id);
    purgeClip(olive, clip.id);
    expect(count("SELECT count(*) AS n FROM playlist_items WHERE clip_id = ?", clip.id)).toBe(0);
  });

  it("a public link plays only what the owner may publish, by track number, and ends everywhere when revoked", async () => {
    const olive = createUser({ name: "Olive" });
    const tom = createUser({ name: "Tom" });
    const list = createPlaylist(olive, { name: "Public mix", description: "For friends", visibility: "private" });
    const one = createClip(olive, { title: "One", audioUrl: "https://cdn1.suno.ai/one.mp3" });
    const hidden = createClip(olive, { title: "Olive private", visibility: "private", audioUrl: "https://cdn1.suno.ai/mine.mp3" });
    const toms = createClip(tom, { title: "Tom's", audioUrl: "https://cdn1.suno.ai/toms.mp3" });
    const trashed = createClip(olive, { title: "Trashed" });
    for (const clip of [one, hidden, toms, trashed]) addToPlaylist(olive, list.id, { clipId: clip.id });
    setClipVisibility(tom, toms.id, "private");
    deleteClip(olive, trashed.id);
    expect(() => createPlaylistShare(tom, list.id)).toThrow(expect.objectContaining({ code: "not_found" }));

    const share = createPlaylistShare(olive, list.id, { expiresInDays: 7 });
    const token = tokenOf(share.url);
    const view = openPublicShare(token, "203.0.113.5", { countView: true });
    expect(view).toEqual({
      kind: "playlist",
      playlist: {
        name: "Public mix",
        description: "For friends",
        creatorName: "Olive",
        tracks: [expect.objectContaining({ n: 1, title: "One" }), expect.objectContaining({ n: 2, title: "Olive private" })],
      },
    });
    const text = JSON.stringify(view);
    for (const secret of [one.id, hidden.id, toms.id, olive.id, olive.email, list.id, "Tom"]) expect(text).not.toContain(secret);
    expect(openShare(token, "203.0.113.5")).toBeNull(); // not a clip's link
    expect(listMyShares(olive)).toEqual([expect.objectContaining({ id: share.id, playlistId: list.id, playlistName: "Public mix", clipId: null, views: 1, state: "active" })]);

    expect((await audio(token, 1)).headers.get("location")).toBe("https://cdn1.suno.ai/one.mp3");
    expect((await audio(token, 2)).headers.get("location")).toBe("https://cdn1.suno.ai/mine.mp3");
    await expect(audio(token, 3)).rejects.toMatchObject({ code: "not_found" });
    await expect(audio(token, 0)).rejects.toMatchObject({ code: "not_found" });

    revokeShare(olive, share.id);
    expect(openPublicShare(token, "203.0.113.5")).toBeNull();
    await expect(audio(token, 1)).rejects.toMatchObject({ code: "not_found" });
    await expect(servePlaylistTrackMedia(new Request("http://test/cover"), token, 1, "cover", "x")).rejects.toMatchObject({ code: "not_found" });
  });

  it("an expired playlist link answers none", () => {
    const olive = createUser();
    const list = createPlaylist(olive, { name: "Brief", visibility: "team" });
    const share = createPlaylistShare(olive, list.id, { expiresInDays: 1 });
    getDb()
      .$client.prepare("UPDATE shares SET expires_at = ? WHERE id = ?")
      .run(Date.now() - 1, share.id);
    expect(openPublicShare(tokenOf(share.url), "x")).toBeNull();
    expect(listMyShares(olive)[0].state).toBe("expired");
  });
});
