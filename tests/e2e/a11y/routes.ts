import type { Page } from "@playwright/test";

// Every page the browser journeys visit, in one list: the accessibility gate audits each
// of them in every colour scheme, width and language. A new page joins the gate by
// joining this list (and, if it needs data, the seed in ./seed.ts).

/** What the seed made for the pages to show. */
export interface Seed {
  memberId: string;
  clipId: string;
  taskId: string;
  uploadId: string;
  invitePath: string;
  resetPath: string;
  sharePath: string;
  playlistId: string;
  playlistSharePath: string;
}

export interface Route {
  name: string;
  /** Who opens it: a visitor without a session, or the team's owner (an admin). */
  as: "guest" | "owner";
  path: (seed: Seed) => string;
  /** Brings the page to the state worth auditing, after it has loaded. */
  prepare?: (page: Page) => Promise<void>;
}

export const ROUTES: Route[] = [
  { name: "sign in", as: "guest", path: () => "/login" },
  { name: "invite", as: "guest", path: (s) => s.invitePath },
  { name: "reset password", as: "guest", path: (s) => s.resetPath },
  { name: "unknown invite", as: "guest", path: () => "/invite/no-such-invite" },
  { name: "shared song", as: "guest", path: (s) => s.sharePath },
  { name: "shared song embed", as: "guest", path: (s) => `${s.sharePath}/embed` },
  { name: "shared playlist", as: "guest", path: (s) => s.playlistSharePath },
  { name: "shared playlist embed", as: "guest", path: (s) => `${s.playlistSharePath}/embed` },
  { name: "create", as: "owner", path: () => "/" },
  { name: "library", as: "owner", path: () => "/library" },
  { name: "library, playing", as: "owner", path: () => "/library", prepare: playFirstRow },
  { name: "team", as: "owner", path: () => "/team" },
  { name: "member", as: "owner", path: (s) => `/members/${s.memberId}` },
  { name: "clip", as: "owner", path: (s) => `/clips/${s.clipId}` },
  { name: "extend", as: "owner", path: (s) => `/clips/${s.clipId}/extend` },
  { name: "cover", as: "owner", path: (s) => `/clips/${s.clipId}/cover` },
  { name: "playlists", as: "owner", path: () => "/playlists" },
  { name: "playlist", as: "owner", path: (s) => `/playlists/${s.playlistId}` },
  { name: "tasks", as: "owner", path: () => "/tasks" },
  { name: "task", as: "owner", path: (s) => `/tasks/${s.taskId}` },
  { name: "upload", as: "owner", path: () => "/upload" },
  { name: "uploaded file", as: "owner", path: (s) => `/uploads/${s.uploadId}` },
  { name: "settings", as: "owner", path: () => "/settings" },
  { name: "admin", as: "owner", path: () => "/admin" },
  { name: "admin users", as: "owner", path: () => "/admin/users" },
  { name: "admin providers", as: "owner", path: () => "/admin/providers" },
  { name: "admin provider", as: "owner", path: () => "/admin/providers/demo" },
  { name: "admin new provider", as: "owner", path: () => "/admin/providers/new" },
  { name: "admin usage", as: "owner", path: () => "/admin/usage" },
  { name: "admin webhooks", as: "owner", path: () => "/admin/webhooks" },
  { name: "unknown song", as: "owner", path: () => "/clips/no-such-song" },
  { name: "unknown page", as: "owner", path: () => "/no-such-page" },
];

/** First-run setup exists only until the owner does: the gate audits it on a fresh server. */
export const SETUP_ROUTE = { name: "setup", path: "/setup" };

/** Starts the first song from the keyboard, so the mini-player is on screen too. */
async function playFirstRow(page: Page) {
  await page.getByTestId("clip-row-play").first().press("Enter");
  await page.getByTestId("mini-player").waitFor();
}
