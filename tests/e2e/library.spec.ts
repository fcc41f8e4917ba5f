import fs from "node:fs";
import { account, createToken, createUser, expect, generateSong, newPage, test } from "./fixtures";
import { ClipPage } from "./pages/clip-page";
import { LibraryPage } from "./pages/library-page";
import { LoginPage } from "./pages/login-page";

// The library journeys: a member finds a teammate's song by a two-character word of
// its Chinese lyrics, comes back to it from a bookmark after signing in again, plays
// and downloads it; a third member's private song stays invisible everywhere (SEC-2).
// The admin is "Ann" of these stories, the member "Bo"; Cy keeps her songs private.

const cy = account("cy");
let boClips: string[] = [];
let cyClips: string[] = [];
let cyId = "";

test.describe.configure({ mode: "serial" });
test.use({ appEnv: {} });

test.beforeAll(async ({ app, member: bo, browser }) => {
  createUser(app, cy);
  const lyrics = (opening: string) => `[Verse]\n${opening}\n风吹过旧街的窗台\n\n[Chorus]\n我们在小巷里唱歌\n直到天亮`;
  boClips = await generateSong(app, createToken(app, bo.email), {
    mode: "custom",
    title: "月光小巷",
    style: "mandopop, acoustic guitar",
    lyrics: lyrics("月光洒在屋顶"),
    model: "v4.5",
  });
  // Cy's song shares the searched word, so any leak of a private song would show up in the search.
  cyClips = await generateSong(app, createToken(app, cy.email), { mode: "custom", title: "Secret Garden", style: "dream pop", lyrics: lyrics("秘密花园的门"), model: "v4.5" });
  // The owner switches each take to private on its page.
  const page = await newPage(browser, app);
  await new LoginPage(page).signInAs(cy);
  for (const id of cyClips) cyId = await new ClipPage(page).makePrivate(id);
  await page.context().close();
});

test("a member finds a teammate's song by a Chinese word, reopens it from a bookmark after signing in again, plays and downloads it", async ({
  adminPage: page,
  admin: ann,
  member: bo,
}) => {
  const library = new LibraryPage(page);
  await library.searchTeam("窗台");
  const rows = library.rows;
  await expect(rows).toHaveCount(boClips.length);
  await expect(rows.first()).toContainText("月光小巷");
  await expect(rows.first()).toContainText(bo.name);

  // Opening a row navigates in place: the page survives (no reload) and the song playing goes on.
  await rows.first().getByTestId("clip-row-play").click();
  await expect(page.getByTestId("mini-player-title")).toHaveText("月光小巷");
  await library.markDocument();
  await rows.first().getByTestId("clip-row-link").click();
  await expect(page).toHaveURL(/\/clips\/[A-Za-z0-9_-]+$/);
  await library.expectSameDocument();
  await expect(page.getByTestId("mini-player-title")).toHaveText("月光小巷");
  await expect.poll(() => page.getByTestId("player-audio").evaluate((el: HTMLAudioElement) => !el.paused && el.currentTime > 0)).toBe(true);
  await page.getByTestId("player-audio").evaluate((el: HTMLAudioElement) => el.pause());
  const bookmark = page.url();
  const clip = new ClipPage(page);
  await expect(clip.title).toHaveText("月光小巷");
  await expect(page).toHaveTitle(/月光小巷/);
  await expect(page.getByTestId("lyrics-panel").getByRole("heading", { name: "Chorus" }).first()).toBeVisible();

  await clip.signOut();
  await page.goto(bookmark);
  await expect(page).toHaveURL(/\/login\?next=/);
  await new LoginPage(page).submitCredentials(ann);
  await expect(page).toHaveURL(bookmark);
  await expect(clip.title).toHaveText("月光小巷");
  await expect(clip.creator).toHaveText(bo.name);

  await clip.play.click();
  const audio = page.getByTestId("player-audio");
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => (Number.isFinite(el.duration) ? el.duration : 0))).toBeGreaterThan(0);
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
  await expect(page.getByTestId("mini-player-title")).toHaveText("月光小巷");
  await page.keyboard.press("Space");
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);

  const download = await clip.download("audio");
  const file = await download.path();
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
  expect(download.suggestedFilename()).toMatch(/\.(wav|mp3)$/);
});

test("another member's private song stays invisible everywhere: library, team, search, member page, clip page, media", async ({ adminPage: page, admin: ann, signedInAs }) => {
  const library = new LibraryPage(page);
  await library.gotoTeam();
  await expect(library.rows.first()).toBeVisible();
  await expect(library.list).not.toContainText("Secret Garden");
  await expect(library.list).toContainText("月光小巷");

  await library.searchTeam("Secret");
  await expect(library.emptyResults).toBeVisible();
  await library.searchTeam("秘密花园");
  await expect(library.emptyResults).toBeVisible();

  await library.gotoLibrary("窗台");
  await expect(library.emptyResults).toBeVisible();

  await page.goto(`/members/${cyId}`);
  await expect(page.getByTestId("member-name")).toHaveText(cy.name);
  await expect(library.emptyState).toBeVisible();
  await page.goto(`/team?member=${cyId}`);
  await expect(library.emptyState.or(library.emptyResults)).toBeVisible();

  const clip = new ClipPage(page);
  for (const id of cyClips) {
    const clipPage = await clip.goto(id);
    expect(clipPage?.status(), `clip page ${id}`).toBe(404);
    await expect(page.getByText("Secret Garden")).toHaveCount(0);
    // The same answer as for a clip that never existed, inside the studio's own page.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(clip.currentUser).toHaveText(ann.name);
    for (const kind of ["audio", "cover"]) {
      const media = await page.request.get(`/media/${id}/${kind}`);
      expect(media.status(), `${kind} of ${id}`).toBe(404);
    }
  }

  // Cy herself still has both takes, in her own library.
  const owner = new LibraryPage(await signedInAs(cy));
  await owner.gotoLibrary();
  await expect(owner.rows.filter({ hasText: "Secret Garden" })).toHaveCount(cyClips.length);
});

test("every page finds the strings its client components need (no missing messages)", async ({ adminPage: page, member: bo, signedInAs }) => {
  const missing: string[] = [];
  const watch = (p: typeof page) =>
    p.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("[songloft]")) missing.push(`${p.url()}: ${message.text()}`);
    });
  const clip = boClips[0];
  // A task page is its owner's alone.
  const owner = await signedInAs(bo);
  watch(owner);
  const { clip: dto } = (await (await owner.request.get(`/api/v1/clips/${clip}`)).json()) as { clip: { taskId: string } };
  await owner.goto(`/tasks/${dto.taskId}`);
  await expect(owner.getByTestId("current-user")).toHaveText(bo.name);

  watch(page);
  const paths = [
    "/",
    "/library",
    "/library?view=trash",
    "/team",
    `/members/${cyId}`,
    `/clips/${clip}`,
    `/clips/${clip}/extend`,
    "/settings",
    "/admin",
    "/admin/users",
    "/admin/providers",
    "/admin/providers/new",
    "/admin/providers/demo",
    "/admin/usage",
  ];
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
  // The pages bench's empty yardstick page exists only for the bench.
  expect((await page.goto("/bench/baseline"))?.status()).toBe(404);
  // A client-side navigation brings the next page's strings in its RSC payload.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByTestId("clip-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "More filters" }).or(page.getByLabel("Status"))).toBeVisible();
  await page.getByRole("link", { name: "Create" }).click();
  await expect(page.getByRole("button", { name: /create|generate/i }).first()).toBeVisible();
  // Signed out: the sign-in page.
  await new LibraryPage(page).signOut();
  expect(missing).toEqual([]);
});

test("an admin narrows usage to a range of days, and a reversed range is pointed out", async ({ adminPage: page, member: bo }) => {
  const members = page.getByTestId("usage-members").locator("tbody tr");
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const show = async (from: string, to: string) => {
    await page.getByLabel("From").fill(from);
    await page.getByLabel("To").fill(to);
    await page.getByRole("button", { name: "Show" }).click();
  };
  await page.goto("/admin/usage");
  await expect(page.getByTestId("usage-period")).toHaveText("· All time");
  await expect(members).toHaveCount(2);

  // A range long before the songs were made: nothing in it.
  await show("2020-01-01", "2020-01-31");
  await expect(page).toHaveURL(/\/admin\/usage\?from=2020-01-01&to=2020-01-31$/);
  await expect(page.getByTestId("usage-period")).toContainText("2020");
  await expect(page.getByTestId("usage-empty")).toHaveText("Nothing in this period.");

  // Around today: both members who made songs.
  await show(day(-1), day(0));
  await expect(members).toHaveCount(2);
  await expect(page.getByTestId("usage-members")).toContainText(bo.name);

  await show("2020-02-01", "2020-01-01");
  await expect(page.getByTestId("usage-range").getByRole("alert")).toHaveText("Must be on or after From.");
  await expect(page.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("usage-period")).toHaveText("· All time");
  await expect(members).toHaveCount(2);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/admin\/usage$/);
  await expect(page.getByTestId("usage-range").getByRole("alert")).toHaveCount(0);
});
