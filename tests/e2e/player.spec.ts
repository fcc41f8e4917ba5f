import { createToken, expect, generateSong, test, type RunningApp } from "./fixtures";
import { LibraryPage } from "./pages/library-page";
import { MiniPlayer } from "./pages/mini-player";

// Issue 13 item 4, the mini-player grown up: a member plays her library, finds the
// queue with the song playing marked, jumps in it, lets one song repeat, sets the
// volume once for good, and drives it all from the lock screen's media session.

// Each journey waits on real playback; a loaded machine needs more than the default 90 s.
test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ appEnv: {} });

const TITLES = ["Dawn Chorus", "Noon Glare", "Dusk Embers"];

/** Three songs of the member's with titles of their own (the demo makes two takes per song). */
async function threeSongs(app: RunningApp, token: string) {
  const call = (method: string, id: string, body?: object) =>
    fetch(`${app.url}/api/v1/clips/${id}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
  const first = await generateSong(app, token, { mode: "custom", title: TITLES[0], style: "ambient", lyrics: "[Verse]\nbirds", model: "v4.5" });
  const second = await generateSong(app, token, { mode: "custom", title: TITLES[2], style: "ambient", lyrics: "[Verse]\nembers", model: "v4.5" });
  expect((await call("PATCH", first[1], { title: TITLES[1] })).status).toBe(200);
  expect((await call("DELETE", second[1])).status).toBe(200);
}

test.beforeAll(async ({ app, member }) => {
  await threeSongs(app, createToken(app, member.email));
});

test("the queue, repeat one, a remembered volume and the lock screen's controls drive the one player", async ({ memberPage: page }) => {
  await MiniPlayer.instrumentMediaSession(page);
  const library = new LibraryPage(page);
  const player = new MiniPlayer(page);
  await library.gotoLibrary();
  await expect(library.rows).toHaveCount(3);
  const order = (await library.rowLinks.allTextContents()).map((s) => s.trim());
  expect([...order].sort()).toEqual([...TITLES].sort());

  // Playing the first row queues the whole list, the first song marked as playing.
  await library.rows.first().getByTestId("clip-row-play").click();
  await expect(player.title).toHaveText(order[0]);
  await player.expectPlaying();
  await player.openQueue();
  await expect(player.queueItems).toHaveCount(3);
  await expect(player.queueItems).toContainText(order);
  await expect(player.queueCurrent).toHaveCount(1);
  await expect(player.queueCurrent).toContainText(order[0]);
  await expect(player.queueCurrent).toBeFocused();

  // Jumping to the third: it plays, the mark moves, and there is no "next" after the last.
  await player.playFromQueue(order[2]);
  await expect(player.title).toHaveText(order[2]);
  await expect(player.queueCurrent).toContainText(order[2]);
  await expect(player.next).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(player.queue).toBeHidden();
  await expect(player.queueToggle).toBeFocused();

  // Repeat one: the song plays again when it ends; "next" still moves on, and wraps.
  await player.setRepeat("one");
  await expect(player.repeat).toHaveAttribute("aria-pressed", "true");
  await expect(player.next).toBeEnabled();
  await player.expectPlaying();
  await player.countEnds();
  await player.seekNearEnd();
  await expect.poll(async () => (await player.audioState()).ended).toBe(1);
  await expect(player.title).toHaveText(order[2]);
  await player.expectPlaying();
  await player.next.click();
  await expect(player.title).toHaveText(order[0]);

  // The lock screen shows the song, and its "next" button is the player's.
  await expect.poll(() => player.mediaSessionTitle()).toBe(order[0]);
  await player.pressMediaKey("nexttrack");
  await expect(player.title).toHaveText(order[1]);
  await expect.poll(() => player.mediaSessionTitle()).toBe(order[1]);
  await player.pressMediaKey("pause");
  await expect.poll(async () => (await player.audioState()).paused).toBe(true);
  await expect(player.toggle).toHaveAccessibleName(player.t.player.play);

  // Volume: set once, it holds on the <audio> after a reload, and so does repeat.
  await player.volume.fill("0.4");
  await expect.poll(async () => (await player.audioState()).volume).toBeCloseTo(0.4);
  await page.reload();
  await expect.poll(async () => (await player.audioState()).volume).toBeCloseTo(0.4);
  await library.rows.first().getByTestId("clip-row-play").click();
  await expect(player.volume).toHaveValue("0.4");
  await expect(player.repeat).toHaveAttribute("data-mode", "one");
});

test("shuffle plays every song once; a song's page queues it next or last, and the queue can be trimmed", async ({ memberPage: page }) => {
  const library = new LibraryPage(page);
  const player = new MiniPlayer(page);
  await library.gotoLibrary();
  await expect(library.rows).toHaveCount(3);
  const titles = (await library.rowLinks.allTextContents()).map((s) => s.trim());

  await library.rows.first().getByTestId("clip-row-play").click();
  await player.shuffle.click();
  await expect(player.shuffle).toHaveAttribute("aria-pressed", "true");
  const played = [await player.title.textContent()];
  for (const _ of [1, 2]) {
    await expect(player.next).toBeEnabled();
    const before = played.at(-1);
    await player.next.click();
    await expect(player.title).not.toHaveText(before!);
    played.push(await player.title.textContent());
  }
  expect([...played].sort()).toEqual([...titles].sort());
  // The round is over and repeat is off: nowhere to go but back, through the same order.
  await expect(player.next).toBeDisabled();
  // Back at the song's start, "previous" goes to the song before rather than restarting this one.
  await player.seekToStart();
  await player.previous.click();
  await expect(player.title).toHaveText(played[1]!);
  await player.shuffle.click();
  await expect(player.shuffle).toHaveAttribute("aria-pressed", "false");
  // Paused, so the song cannot end (and the next one start) while the queue is edited.
  await player.toggle.click();
  await expect.poll(async () => (await player.audioState()).paused).toBe(true);

  // From the song's page (reached in place, so the music goes on): play it next, then add it last.
  const playing = played[1]!;
  const other = titles.find((t) => t !== playing)!;
  await library.rowLinks.filter({ hasText: other }).click();
  await expect(page.getByTestId("clip-title")).toHaveText(other);
  await expect(player.title).toHaveText(playing);
  await page.getByTestId("clip-play-next").click();
  await expect(page.getByTestId("clip-queue-status")).toHaveText(`${other} plays next.`);
  await page.getByTestId("clip-add-to-queue").click();
  await player.openQueue();
  await expect(player.queueItems).toHaveCount(5);
  const rows = (await player.queueItems.allTextContents()).map((s) => s.trim());
  const at = titles.indexOf(playing);
  expect(rows[at + 1]).toContain(other);
  expect(rows[4]).toContain(other);

  // Removing songs that are not playing leaves the song playing alone; so does "Clear queue".
  await player.queueItems
    .nth(4)
    .getByRole("button", { name: `Remove ${other} from the queue` })
    .click();
  await expect(player.queueItems).toHaveCount(4);
  await expect(player.title).toHaveText(playing);
  await player.queue.getByRole("button", { name: player.t.player.queue.clear }).click();
  await expect(player.queueItems).toHaveCount(1);
  await expect(player.queueCurrent).toContainText(playing);
  await player.toggle.click();
  await player.expectPlaying();
});
