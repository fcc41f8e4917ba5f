import { getDb } from "@/lib/server/db/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClipShare, listMyShares, openShare, revokeShare, serveShareMedia } from "@/lib/server/services/shares";
import { deleteClip, purgeClip, setClipVisibility } from "@/lib/server/services/library";
import { createClip, createUser, openTestDb, type TestDb } from "../support/db";

// SEC-17 at the service: owner-only shares, a public view that names nothing else of
// the team, and every way a share ends (revoke, expiry, trash, purge) answering "none".

const tokenOf = (url: string) => url.split("/").pop()!;

describe("share links", () => {
  let db: TestDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(() => db.cleanup());

  it("only the owner shares a finished song; the link is a 256-bit token shown again in their list", () => {
    const owner = createUser({ name: "Olive" });
    const teammate = createUser({ name: "Tom" });
    const clip = createClip(owner, { title: "Night Drive", audioUrl: "demo://audio/1", visibility: "team" });
    expect(() => createClipShare(teammate, clip.id)).toThrow(expect.objectContaining({ code: "not_found" }));
    const running = createClip(owner, { state: "running", audioUrl: null });
    expect(() => createClipShare(owner, running.id)).toThrow(expect.objectContaining({ code: "conflict" }));

    const share = createClipShare(owner, clip.id, { expiresInDays: 7 });
    expect(share.url).toMatch(/^\/s\/[A-Za-z0-9_-]{43,}$/);
    expect(Buffer.from(tokenOf(share.url), "base64url").length).toBeGreaterThanOrEqual(16);
    expect(share.expiresAt).not.toBeNull();
    expect(listMyShares(owner)).toEqual([expect.objectContaining({ id: share.id, url: share.url, clipTitle: "Night Drive", state: "active" })]);
    expect(listMyShares(teammate)).toEqual([]);
    expect(() => revokeShare(teammate, share.id)).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("the public view carries the song and the creator's name, and nothing that identifies the team", () => {
    const owner = createUser({ name: "Olive" });
    const clip = createClip(owner, { title: "Night Drive", style: "synthwave", lyrics: "[Verse]\nNeon lights", audioUrl: "demo://audio/1", imageUrl: "demo://cover/1" });
    const share = createClipShare(owner, clip.id);
    const view = openShare(tokenOf(share.url), "203.0.113.9", { countView: true })!;
    expect(view).toMatchObject({ title: "Night Drive", style: "synthwave", lyrics: "[Verse]\nNeon lights", creatorName: "Olive", hasAudio: true, hasCover: true });
    const text = JSON.stringify(view);
    expect(text).not.toContain(clip.id);
    expect(text).not.toContain(owner.id);
    expect(text).not.toContain(owner.email);
    expect(text).not.toContain(clip.taskId);
    expect(listMyShares(owner)[0].views).toBe(1);
  });

  it("a private song stays shared: the link is the owner's explicit grant", () => {
    const owner = createUser();
    const clip = createClip(owner, { audioUrl: "demo://audio/1" });
    const share = createClipShare(owner, clip.id);
    setClipVisibility(owner, clip.id, "private");
    expect(openShare(tokenOf(share.url), "198.51.100.1")).not.toBeNull();
  });

  it("revoked, expired, trashed and purged shares all answer none, at once", async () => {
    const owner = createUser();
    const viewer = owner;
    const a = createClip(owner, { audioUrl: "demo://audio/1" });
    const revoked = createClipShare(owner, a.id);
    revokeShare(owner, revoked.id);
    expect(openShare(tokenOf(revoked.url), "x")).toBeNull();
    await expect(serveShareMedia(new Request("http://test/s/x/audio"), tokenOf(revoked.url), "audio", "x")).rejects.toMatchObject({ code: "not_found" });

    const expiring = createClipShare(owner, a.id, { expiresInDays: 1 });
    getDb()
      .$client.prepare("UPDATE shares SET expires_at = ? WHERE id = ?")
      .run(Date.now() - 1, expiring.id);
    expect(openShare(tokenOf(expiring.url), "x")).toBeNull();
    expect(listMyShares(owner).find((s) => s.id === expiring.id)?.state).toBe("expired");

    const trashed = createClipShare(owner, a.id);
    deleteClip(viewer, a.id);
    expect(openShare(tokenOf(trashed.url), "x")).toBeNull();
    expect(listMyShares(owner).find((s) => s.id === trashed.id)?.state).toBe("unavailable");
    purgeClip(viewer, a.id);
    expect(listMyShares(owner).find((s) => s.id === trashed.id)).toBeUndefined();
    expect(openShare("not-a-token", "x")).toBeNull();
  });

  it("one client address is limited on the public pages (429 with Retry-After)", () => {
    const owner = createUser();
    const share = createClipShare(owner, createClip(owner, { audioUrl: "demo://audio/1" }).id);
    const token = tokenOf(share.url);
    for (let i = 0; i < 60; i++) openShare(token, "192.0.2.77");
    expect(() => openShare(token, "192.0.2.77")).toThrow(expect.objectContaining({ code: "rate_limited", retryAfter: expect.any(Number) }));
    expect(openShare(token, "192.0.2.78")).not.toBeNull();
  });
});
