import { createToken, expect, generateSong, newPage, test } from "./fixtures";
import { LibraryPage } from "./pages/library-page";
import { PlaylistsPage } from "./pages/playlists-page";

// Issue 13, playlists: a member builds a team playlist from the library rows and a
// song's page, reorders it by dragging and from the keyboard; a teammate plays it in
// order in the mini-player and does not see the owner's private song; a shared link
// plays it for someone with no account.

test.use({ appEnv: {} });

test("a team playlist is built, reordered, played in order by a teammate, and shared", async ({ app, browser, member, admin, signedInAs, request }) => {
  // Four songs to make on the demo provider, then a long walk through the pages.
  test.setTimeout(240_000);
  const token = createToken(app, member.email);
  const song = async (title: string) => (await generateSong(app, token, { mode: "custom", title, style: "indie pop", lyrics: `[Verse]\n${title} all night`, model: "v4.5" }))[0];
  const [alpha, bravo, charlie, secret] = await Promise.all(["Alpha Road", "Bravo Hills", "Charlie Coast", "Delta Secret"].map(song));
  const hide = await fetch(`${app.url}/api/v1/clips/${secret}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ visibility: "private" }),
  });
  expect(hide.status).toBe(200);

  // The member makes the playlist; a nameless one is refused with a field error.
  const ownerPage = await signedInAs(member);
  const owner = new PlaylistsPage(ownerPage);
  await owner.gotoList();
  await owner.create({ name: "" });
  await expect(owner.newForm.getByRole("alert")).toHaveText("Give the playlist a name.");
  await owner.create({ name: "Road Trip", description: "For the long drive north", visibility: "team" });
  await expect(owner.name).toHaveText("Road Trip");
  const playlistUrl = ownerPage.url();

  // Two songs from the library's rows, two from their pages.
  const library = new LibraryPage(ownerPage);
  await library.gotoLibrary();
  for (const id of [alpha, bravo]) await owner.addTo(library.rows.filter({ has: ownerPage.locator(`a[href="/clips/${id}"]`) }), "Road Trip");
  for (const id of [charlie, secret]) {
    await ownerPage.goto(`/clips/${id}`);
    await owner.addTo(ownerPage.getByTestId("clip-page"), "Road Trip");
  }

  await ownerPage.goto(playlistUrl);
  await owner.expectOrder(["Alpha Road", "Bravo Hills", "Charlie Coast", "Delta Secret"]);
  await expect(owner.facts).toContainText("4 songs");

  // Drag Charlie to the top, then move Bravo down from the keyboard.
  await owner.drag("Charlie Coast", "Alpha Road");
  await owner.expectOrder(["Charlie Coast", "Alpha Road", "Bravo Hills", "Delta Secret"]);
  await owner.moveWithKeyboard("Bravo Hills", "down");
  await owner.expectOrder(["Charlie Coast", "Alpha Road", "Delta Secret", "Bravo Hills"]);
  await expect(owner.announcement).toHaveText("Bravo Hills moved to position 4 of 4.");
  await expect(owner.track("Bravo Hills").getByTestId("move-up")).toBeFocused();
  // Both moves were saved: the order survives a reload.
  await expect.poll(async () => (await ownerPage.reload(), await owner.trackTitles.allTextContents())).toEqual(["Charlie Coast", "Alpha Road", "Delta Secret", "Bravo Hills"]);

  // A teammate finds it among the team's playlists, without the private song, and plays it in order.
  const mate = new PlaylistsPage(await signedInAs(admin));
  await mate.gotoList();
  await mate.team.getByRole("link", { name: "Road Trip" }).click();
  await mate.expectOrder(["Charlie Coast", "Alpha Road", "Bravo Hills"]);
  await expect(mate.page.getByText("Delta Secret")).toHaveCount(0);
  await expect(mate.page.getByTestId("move-up")).toHaveCount(0);
  await mate.playAll.click();
  await expect(mate.miniPlayerTitle).toHaveText("Charlie Coast");
  const next = mate.page.getByTestId("mini-player").getByRole("button", { name: "Next" });
  await next.click();
  await expect(mate.miniPlayerTitle).toHaveText("Alpha Road");
  await next.click();
  await expect(mate.miniPlayerTitle).toHaveText("Bravo Hills");
  await expect(next).toBeDisabled();

  // The owner shares it; a browser with no cookies plays it in order (the owner's own private song too: the link is their grant).
  await owner.sharePanel.getByRole("button", { name: "Create share link" }).click();
  const link = await ownerPage.getByTestId("share-link").inputValue();
  expect(link).toMatch(new RegExp(`^${app.url}/s/[A-Za-z0-9_-]{43}$`));
  expect(await ownerPage.getByTestId("share-embed-code").inputValue()).toContain('height="360"');
  const stranger = await newPage(browser, app);
  await stranger.goto(link);
  await expect(stranger.getByRole("heading", { name: "Road Trip" })).toBeVisible();
  await expect(stranger.getByTestId("share-creator")).toContainText(`A playlist by ${member.name}`);
  await expect(stranger.getByTestId("share-tracks").getByRole("listitem")).toHaveText([/Charlie Coast/, /Alpha Road/, /Delta Secret/, /Bravo Hills/]);
  await expect(stranger.getByTestId("share-current-title")).toHaveText("Charlie Coast");
  await stranger.getByTestId("share-play").click();
  await expect.poll(() => stranger.getByTestId("share-audio").evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await stranger.getByTestId("share-next").click();
  await expect(stranger.getByTestId("share-current-title")).toHaveText("Alpha Road");
  expect(await stranger.getByTestId("share-audio").getAttribute("src")).toMatch(/\/tracks\/2\/audio$/);
  const html = await stranger.content();
  for (const hidden of [alpha, bravo, charlie, secret, member.email, "/clips/", "/media/"]) expect(html, hidden).not.toContain(hidden);
  expect(await stranger.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
  expect(await stranger.locator('meta[property="og:title"]').getAttribute("content")).toBe("Road Trip");
  const oembed = await request.get(`/api/oembed?url=${encodeURIComponent(link)}`);
  expect(await oembed.json()).toMatchObject({ type: "rich", title: "Road Trip", author_name: member.name, height: 360 });

  // Settings lists the link by the playlist's name; deleting the playlist ends it everywhere.
  await ownerPage.goto("/settings");
  await expect(ownerPage.getByTestId("shares-table").getByTestId("share-playlist-link")).toHaveText("Road Trip");
  await ownerPage.goto(playlistUrl);
  await ownerPage.getByText("Delete playlist").first().click();
  await ownerPage.getByTestId("delete-playlist").click();
  await expect(ownerPage).toHaveURL(/\/playlists$/);
  for (const path of ["", "/embed", "/tracks/1/audio", "/tracks/1/cover"]) expect((await request.get(`${link}${path}`)).status(), path).toBe(404);
});
