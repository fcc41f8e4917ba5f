import http from "node:http";
import type { AddressInfo } from "node:net";
import { createToken, expect, generateSong, newPage, test } from "./fixtures";
import { ClipPage } from "./pages/clip-page";

// Issue 13, share links (SEC-17): a member shares a song; a browser with no cookies
// opens, plays and unfurls it and sees nothing else of the team; the embed plays framed
// on another origin; revoking makes the page, its audio and its embed 404 at once.

test.use({ appEnv: {} });

const LYRICS = "[Verse]\nHarbour lights are calling\nEvery boat comes home\n[Chorus]\nSing it to the water";

test("a shared song plays for anyone with the link, embeds on another site, and is gone everywhere once revoked", async ({ app, browser, member, signedInAs, request }) => {
  const token = createToken(app, member.email);
  const [songId, otherTake] = await generateSong(app, token, { mode: "custom", title: "Harbour Lights", style: "sea shanty", lyrics: LYRICS, model: "v4.5" });
  const [otherSongId] = await generateSong(app, token, { mode: "custom", title: "Secret Demo", style: "lo-fi", lyrics: "[Verse]\nnot for you", model: "v4.5" });

  // The owner makes a link on the song's page.
  const ownerPage = await signedInAs(member);
  const clip = new ClipPage(ownerPage);
  await clip.goto(songId);
  const panel = ownerPage.getByTestId("share-panel");
  await panel.getByLabel("Link expires").selectOption("7");
  await panel.getByRole("button", { name: "Create share link" }).click();
  const link = await ownerPage.getByTestId("share-link").inputValue();
  expect(link).toMatch(new RegExp(`^${app.url}/s/[A-Za-z0-9_-]{43}$`));
  const embedCode = await ownerPage.getByTestId("share-embed-code").inputValue();
  expect(embedCode).toContain(`src="${link}/embed"`);

  // A stranger: no cookies, no account.
  const stranger = await newPage(browser, app);
  const response = await stranger.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  await expect(stranger.getByRole("heading", { name: "Harbour Lights" })).toBeVisible();
  await expect(stranger.getByTestId("share-creator")).toHaveText(`by ${member.name}`);
  await expect(stranger.getByText("Made with Songloft")).toBeVisible();
  await stranger.getByTestId("share-play").click();
  await expect.poll(() => stranger.getByTestId("share-audio").evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
  // Nothing of the team: no other clip, no email, no link into the studio.
  const html = await stranger.content();
  for (const secret of [member.email, songId, otherTake, otherSongId, "Secret Demo", "/clips/", "/media/"]) expect(html, secret).not.toContain(secret);
  expect(await stranger.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
  expect(await stranger.locator('meta[property="og:title"]').getAttribute("content")).toBe("Harbour Lights");
  expect(await stranger.locator('meta[name="twitter:card"]').getAttribute("content")).toBe("player");
  expect(await stranger.locator('meta[name="twitter:player"]').getAttribute("content")).toBe(`${link}/embed`);
  await stranger.goto("/library");
  await expect(stranger).toHaveURL(/\/login/);

  // Audio by token, with Range; oEmbed answers for the link.
  const ranged = await request.get(`${link}/audio`, { headers: { range: "bytes=0-99" } });
  expect(ranged.status()).toBe(206);
  expect((await ranged.body()).length).toBe(100);
  const oembed = await request.get(`/api/oembed?url=${encodeURIComponent(link)}`);
  expect(oembed.status()).toBe(200);
  expect(await oembed.json()).toMatchObject({ version: "1.0", type: "rich", title: "Harbour Lights", author_name: member.name });

  // The embed plays inside a page on another origin.
  const site = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>A blog</title><h1>My favourite song</h1>${embedCode}`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const blog = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  try {
    const reader = await newPage(browser, app);
    await reader.goto(blog);
    const frame = reader.frameLocator("iframe");
    await expect(frame.getByText("Harbour Lights")).toBeVisible();
    await frame.getByTestId("share-play").click();
    await expect.poll(() => frame.getByTestId("share-audio").evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);

    // Settings lists the link; revoking it ends the page, the audio and the embed at once.
    await ownerPage.goto("/settings");
    const row = ownerPage.getByTestId("shares-table").getByRole("row", { name: /Harbour Lights/ });
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(ownerPage.getByTestId("shares-table")).toHaveCount(0);

    expect((await request.get(link)).status()).toBe(404);
    expect((await request.get(`${link}/audio`)).status()).toBe(404);
    expect((await request.get(`${link}/embed`)).status()).toBe(404);
    expect((await request.get(`/api/oembed?url=${encodeURIComponent(link)}`)).status()).toBe(404);
    await reader.reload();
    await expect(reader.frameLocator("iframe").getByText("Harbour Lights")).toHaveCount(0);
  } finally {
    site.close();
  }
});

test("only the embed may be framed; a teammate cannot share someone else's song", async ({ app, member, admin, request }) => {
  const [songId] = await generateSong(app, createToken(app, member.email), { mode: "inspiration", description: "a short jingle", model: "v4.5" });
  const mine = await fetch(`${app.url}/api/v1/clips/${songId}/shares`, { method: "POST", headers: { authorization: `Bearer ${createToken(app, member.email)}` } });
  expect(mine.status).toBe(201);
  const { share } = (await mine.json()) as { share: { url: string } };
  const embed = await request.get(`${share.url}/embed`);
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  const page = await request.get(share.url);
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const theirs = await fetch(`${app.url}/api/v1/clips/${songId}/shares`, { method: "POST", headers: { authorization: `Bearer ${createToken(app, admin.email)}` } });
  expect(theirs.status).toBe(404);
});
