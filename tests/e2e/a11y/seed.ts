import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import type { RunningApp } from "../../support/app-server";
import { newPage } from "../fixtures";
import { createToken, createUser, generateSong, type Account } from "../helpers";
import { AdminUsersPage } from "../pages/admin-users-page";
import { LoginPage } from "../pages/login-page";
import type { Seed } from "./routes";

// What the audited pages need to show real content: songs of the owner and of a member,
// a task, an upload, a share link, a webhook, an invite and a reset link. Made once per
// server through the CLI, the JSON API and the admin's own forms.

const LYRICS = "[Verse]\nLanterns on the water\nEvery light a name\n[Chorus]\nCarry me home";

export interface Seeded {
  seed: Seed;
  /** The owner's signed-in session, to open pages in any language without signing in again. */
  ownerState: Awaited<ReturnType<BrowserContext["storageState"]>>;
}

export async function seedPages(app: RunningApp, browser: Browser, owner: Account, member: Account): Promise<Seeded> {
  createUser(app, owner, "admin");
  createUser(app, member);
  const ownerToken = createToken(app, owner.email);
  const memberToken = createToken(app, member.email);
  // Made before any request: the child process blocks this one for seconds, and a
  // request after it may write into a keep-alive socket the server closed meanwhile.
  const recording = fs.readFileSync(mp3File());
  const [[clipId], [memberClipId]] = await Promise.all([
    generateSong(app, ownerToken, { mode: "custom", title: "Lantern Festival", style: "dream pop", lyrics: LYRICS, model: "v4.5" }),
    generateSong(app, memberToken, { mode: "inspiration", description: "A slow piano piece for a rainy afternoon", model: "v4.5" }),
  ]);
  const api =
    (token: string) =>
    async (url: string, init: RequestInit = {}) => {
      const res = await fetch(`${app.url}${url}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
      expect(res.ok, `${init.method ?? "GET"} ${url}: ${res.status}`).toBe(true);
      return res.json();
    };
  const asOwner = api(ownerToken);
  const json = { "content-type": "application/json" };

  const memberId = (await api(memberToken)(`/api/v1/clips/${memberClipId}`)).clip.owner.id as string;
  const taskId = (await asOwner("/api/v1/tasks")).items[0].id as string;
  const { share } = await asOwner(`/api/v1/clips/${clipId}/shares`, { method: "POST", headers: json, body: JSON.stringify({ expiresInDays: 7 }) });
  const { playlist } = await asOwner("/api/v1/playlists", { method: "POST", headers: json, body: JSON.stringify({ name: "Night mix", visibility: "team" }) });
  await asOwner(`/api/v1/playlists/${playlist.id}/items`, { method: "POST", headers: json, body: JSON.stringify({ clipId }) });
  const playlistShare = (await asOwner(`/api/v1/playlists/${playlist.id}/shares`, { method: "POST", headers: json, body: "{}" })).share;
  await asOwner("/api/v1/webhooks", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ name: "Team chat", url: "http://127.0.0.1:9/hooks/songloft", format: "slack", events: ["task.succeeded", "task.failed"] }),
  });
  const form = new FormData();
  form.set("file", new Blob([recording], { type: "audio/mpeg" }), "voice memo.mp3");
  const { upload } = await asOwner("/api/v1/uploads", { method: "POST", body: form });

  const page = await newPage(browser, app);
  await new LoginPage(page).signInAs(owner);
  const users = new AdminUsersPage(page);
  const invitePath = new URL(await users.createInvite()).pathname;
  const resetPath = new URL(await users.createResetLink(member.email)).pathname;
  const ownerState = await page.context().storageState();
  await page.context().close();

  return {
    seed: {
      memberId,
      clipId,
      taskId,
      uploadId: upload.id,
      invitePath,
      resetPath,
      sharePath: new URL(share.url, app.url).pathname,
      playlistId: playlist.id as string,
      playlistSharePath: new URL(playlistShare.url, app.url).pathname,
    },
    ownerState,
  };
}

/** A short real MP3, made the way the upload journey makes one. */
function mp3File(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "songloft-a11y-")), "voice memo.mp3");
  const made = spawnSync(path.resolve("node_modules/.bin/tsx"), ["tests/support/make-mp3.mts", file, "3"], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`make-mp3 failed: ${made.stderr}`);
  return file;
}
