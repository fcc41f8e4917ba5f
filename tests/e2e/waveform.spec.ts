import { createToken, expect, generateSong, test } from "./fixtures";
import { ClipPage } from "./pages/clip-page";

// A finished demo song's seek bar is its waveform, on its page and in the mini-player:
// a slider a screen reader announces, that a click or the arrow keys move.

let clipId: string;
let token: string;

test.use({ appEnv: {} });

test.beforeAll(async ({ app, member }) => {
  token = createToken(app, member.email);
  [clipId] = await generateSong(app, token, { mode: "custom", title: "Tide Lines", style: "ambient", lyrics: "[Verse]\nWaves come in", model: "v4.5" });
});

test("the waveform seeks by click and by keyboard, on the page and in the mini-player", async ({ app, memberPage: page }) => {
  const clip = new ClipPage(page);
  await clip.gotoWithWaveform(clipId);
  // The API hands out the same peaks the page draws.
  const api = (await (await fetch(`${app.url}/api/v1/clips/${clipId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { clip: { waveform: number[] } };
  expect(api.clip.waveform).toHaveLength(400);
  expect(Math.max(...api.clip.waveform)).toBe(255);
  const total = Number(await clip.waveform.getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThan(20);
  await expect(clip.waveform).toHaveAttribute("aria-valuenow", "0");
  await expect(clip.waveform).toHaveAttribute("aria-valuetext", /^0:00 of \d+:\d\d$/);

  // Hovering shows the time under the pointer.
  const box = (await clip.waveform.boundingBox())!;
  await clip.waveform.hover({ position: { x: box.width / 4, y: box.height / 2 } });
  const hovered = (await clip.waveform.getByTestId("waveform-hover-time").textContent())!.split(":").map(Number);
  expect(hovered[0] * 60 + hovered[1]).toBeCloseTo(total / 4, -0.5);

  // A click halfway along starts the song about halfway through.
  await clip.waveform.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect.poll(() => clip.playerTime()).toBeGreaterThan(total / 2 - 1.5);
  expect(await clip.playerTime()).toBeLessThan(total / 2 + 4);
  await expect(clip.miniWaveform).toBeVisible();

  // Paused, so the position holds still: the arrow key moves it 5 s, Home to the start.
  await clip.play.click();
  await expect(clip.play).toHaveAccessibleName("Play");
  const before = await clip.playerTime();
  await clip.waveform.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => clip.playerTime()).toBeCloseTo(before + 5, 0);
  await expect(clip.waveform).toHaveAttribute("aria-valuenow", String(Math.round(before + 5)));
  await expect(clip.miniWaveform).toHaveAttribute("aria-valuenow", String(Math.round(before + 5)));
  await page.keyboard.press("Home");
  await expect.poll(() => clip.playerTime()).toBe(0);

  // The mini-player's waveform seeks the same song.
  await clip.miniWaveform.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => clip.playerTime()).toBeCloseTo(10, 0);
  await expect(clip.waveform).toHaveAttribute("aria-valuetext", /^0:10 of \d+:\d\d$/);
  await page.keyboard.press("PageDown");
  await expect.poll(() => clip.playerTime()).toBe(0);
});
