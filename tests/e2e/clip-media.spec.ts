import { createToken, expect, generateSong, test } from "./fixtures";
import { ClipPage } from "./pages/clip-page";

// A song's page with the demo provider: the lyrics follow the music line by line (in
// the page and in the mini-player), a click on a line plays from there, and the
// Download menu saves each take under its own name.

const LYRICS = [
  "[Verse]",
  "Headlights on the empty road",
  "Radio playing something old",
  "Every mile a little light",
  "Carry me into the night",
  "",
  "[Chorus]",
  "Night drive, night drive",
  "Windows down and feeling alive",
  "Night drive, night drive",
  "Stay with me until the sunrise",
  "",
  "[Bridge]",
  "Slow it down and let it in",
  "This is where the songs begin",
].join("\n");

let takes: string[] = [];

test.describe.configure({ mode: "serial" });
test.use({ appEnv: {} });

test.beforeAll(async ({ app, member }) => {
  takes = await generateSong(app, createToken(app, member.email), { mode: "custom", title: "Night Drive", style: "synthwave", lyrics: LYRICS, model: "v4.5" });
});

test("the lyrics follow the music, and a click on a line plays from there", async ({ memberPage: page }) => {
  const clip = new ClipPage(page);
  await clip.goto(takes[0]);
  await expect(clip.timedLines).toHaveCount(10);
  await expect(clip.timedLines.first()).toHaveText("Headlights on the empty road");
  await expect(clip.currentLine).toHaveCount(0);
  // The karaoke view keeps the lyrics' sections; the full text is one click away.
  await expect(page.getByTestId("timed-lyrics").getByRole("heading", { name: "Chorus" })).toBeVisible();
  await page.getByTestId("lyrics-mode").click();
  await expect(page.getByTestId("lyrics").getByRole("heading", { name: "Bridge" })).toBeVisible();
  await expect(clip.timedLines).toHaveCount(0);
  await page.getByTestId("lyrics-mode").click();
  await expect(clip.timedLines).toHaveCount(10);

  await clip.play.click();
  await expect(clip.currentLine).toHaveCount(1);
  const first = await clip.currentLine.textContent();
  // The page itself stays where the reader left it while the lines move.
  const scrolled = await page.evaluate(() => window.scrollY);
  await expect(clip.currentLine).not.toHaveText(first!);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  const now = clip.currentLine;
  expect(await clip.playerTime()).toBeGreaterThanOrEqual(Number(await now.getAttribute("data-start")));
  await expect(page.getByTestId("mini-player-line")).toHaveText(/Lyrics now: \S/);

  // Far ahead: the player jumps there, and that line becomes the one highlighted.
  const target = clip.timedLines.nth(8);
  const start = Number(await target.getAttribute("data-start"));
  expect(start).toBeGreaterThan((await clip.playerTime()) + 3);
  await target.click();
  await expect.poll(() => clip.playerTime()).toBeGreaterThanOrEqual(start);
  await expect(target).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("mini-player-line")).toContainText("Slow it down and let it in");
  await clip.audio.evaluate((el: HTMLAudioElement) => el.pause());
});

test("the Download menu opens from the keyboard and saves each take under its own name", async ({ memberPage: page }) => {
  const clip = new ClipPage(page);
  const names: string[] = [];
  for (const id of takes) {
    await clip.goto(id);
    await clip.downloadToggle.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("download-audio")).toBeVisible();
    await expect(page.getByTestId("download-cover")).toBeVisible();
    const shown = await page.getByTestId("download-audio").getByTestId("download-file-name").textContent();
    const download = await clip.download("audio");
    expect(download.suggestedFilename()).toBe(shown);
    names.push(download.suggestedFilename());
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("download-audio")).toBeHidden();
    await expect(clip.downloadToggle).toBeFocused();
  }
  // The demo's audio is a WAV file; the second take says so in its name.
  expect(names).toEqual(["Night Drive.wav", "Night Drive (take 2).wav"]);
});
