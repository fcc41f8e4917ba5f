import { tabTo, walkFocus } from "./a11y/keyboard";
import { expect, newPage, test } from "./fixtures";
import { ClipPage } from "./pages/clip-page";
import { CreatePage } from "./pages/create-page";
import { LibraryPage } from "./pages/library-page";
import { LoginPage } from "./pages/login-page";

// Issue 17: the studio without a mouse. Sign in, create a song, play it, seek it, star
// it and add it to a playlist with Tab, Shift+Tab, Enter, Space, Escape, typing and the
// arrow keys only (no click, no mouse), and every control shows where the focus is.

test.use({ appEnv: {} });
test.describe.configure({ mode: "serial" });

test("a member signs in, creates a song, plays, seeks, stars it and adds it to a playlist with the keyboard alone", async ({ app, browser, member }) => {
  // A song is made and every key is a round trip to the browser: more than the default time.
  test.setTimeout(240_000);
  const page = await newPage(browser, app);
  const login = new LoginPage(page);
  await page.goto("/login");
  expect(await tabTo(page, login.email, { max: 1 })).toBe(1);
  await page.keyboard.type(member.email);
  expect(await tabTo(page, login.password, { max: 1 })).toBe(1);
  await page.keyboard.type(member.password);
  await page.keyboard.press("Enter");
  await expect(login.page.getByTestId("current-user")).toHaveText(member.name, { timeout: 30_000 });

  // The create page: the skip link comes first and lands past the header, next to the form.
  const create = new CreatePage(page);
  await create.goto();
  const skip = page.getByRole("link", { name: "Skip to content" });
  expect(await tabTo(page, skip, { max: 1 })).toBe(1);
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  // Then the upload link, the mode (one stop for the radio group), the description.
  expect(await tabTo(page, create.description, { max: 3 })).toBe(3);
  await page.keyboard.type("A lullaby for a sleepy harbour town");
  await tabTo(page, create.submit, { max: 10 });
  await page.keyboard.press("Enter");
  await expect(create.status(create.firstCard)).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });

  // To the library by the main navigation, from the top of the page.
  await create.goto();
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }), { max: 5 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/library$/);
  const library = new LibraryPage(page);
  const row = library.rows.first();
  const play = row.getByTestId("clip-row-play");
  await tabTo(page, play);
  await expect(play).toHaveAccessibleName(/^Play “.+”$/);
  await page.keyboard.press("Enter");

  const clip = new ClipPage(page);
  const player = page.getByTestId("mini-player");
  await expect(player).toBeVisible();
  await expect.poll(() => clip.playerTime(), { timeout: 15_000 }).toBeGreaterThan(0.3);

  // Pause from the mini-player, then seek with the arrow keys on its slider.
  const toggle = player.getByRole("button", { name: "Pause", exact: true });
  await tabTo(page, toggle);
  await page.keyboard.press("Space");
  await expect(player.getByRole("button", { name: "Play", exact: true })).toBeFocused();
  const slider = player.getByRole("slider", { name: "Position" });
  await tabTo(page, slider, { max: 2 });
  const before = await clip.playerTime();
  const spokenBefore = await slider.getAttribute("aria-valuetext");
  // Each arrow moves 5 seconds (the demo's songs are 22 s or more), plain bar or waveform.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => clip.playerTime()).toBeGreaterThan(before + 8);
  await expect(slider).not.toHaveAttribute("aria-valuetext", spokenBefore!);
  await expect(slider).toHaveAttribute("aria-valuetext", /^\d+:\d\d of \d+:\d\d$/);
  const afterRight = await clip.playerTime();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => clip.playerTime()).toBeLessThan(afterRight - 3);

  // Back up into the list to star the song; the star stays after a reload.
  const star = row.getByTestId("star-toggle");
  await tabTo(page, star, { backwards: true });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("Space");
  await expect(star).toHaveAttribute("aria-pressed", "true");
  // The focus stays on the star while the server answers, so the next Tab goes on from it.
  await expect(star).toBeFocused();

  // Add it to a new playlist from the row's menu, which sits just before the star.
  const add = row.getByTestId("add-to-playlist");
  await tabTo(page, add, { backwards: true, max: 3 });
  await page.keyboard.press("Enter");
  const menu = page.getByTestId("playlist-menu");
  await expect(menu).toBeVisible();
  await tabTo(page, menu.getByTestId("new-playlist"), { max: 5 });
  await page.keyboard.press("Enter");
  await expect(menu.getByTestId("new-playlist-name")).toBeFocused();
  await page.keyboard.type("Keyboard mix");
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("status")).toContainText("Keyboard mix");
  await page.keyboard.press("Escape");
  await expect(add).toBeFocused();
  await page.reload();
  await expect(library.rows.first().getByTestId("star-toggle")).toHaveAttribute("aria-pressed", "true");
  await page.context().close();
});

test("every stop on the create page, the library and the mini-player shows where the focus is", async ({ memberPage: page }) => {
  const expectAllVisible = async (what: string) => {
    const stops = await walkFocus(page);
    expect(stops.length, what).toBeGreaterThan(5);
    expect(
      stops.filter((s) => !s.visible).map((s) => s.element),
      what,
    ).toEqual([]);
  };
  await page.goto("/");
  await expectAllVisible("create");
  await page.goto("/library");
  await expectAllVisible("library");
  // From the first song on, with it playing: the rest of the list, then the mini-player.
  await page.getByTestId("clip-row-play").first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("mini-player")).toBeVisible();
  await expectAllVisible("library, playing");
});
