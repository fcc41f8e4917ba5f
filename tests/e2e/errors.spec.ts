import path from "node:path";
import Database from "better-sqlite3";
import { createToken, expect, generateSong, test, type RunningApp } from "./fixtures";
import { LibraryPage } from "./pages/library-page";

// A studio page that fails to render says so in plain words inside the studio: the
// header and the player stay, and the song playing goes on. "Try again" fetches the
// page again once the fault is gone. The fault is real: the database loses a table
// under the running server, through a second connection to the same SQLite file.

test.use({ appEnv: {} });

test.beforeAll(async ({ app, member }) => {
  await generateSong(app, createToken(app, member.email), { mode: "inspiration", description: "a quiet song about a lighthouse", model: "v4.5" });
});

function renameTable(app: RunningApp, from: string, to: string) {
  const db = new Database(path.join(app.dataDir, "songloft.db"));
  try {
    db.exec(`ALTER TABLE ${from} RENAME TO ${to}`);
  } finally {
    db.close();
  }
}

test("a page that fails keeps the studio and the song playing, and Try again recovers it", async ({ app, member: erin, memberPage: page }) => {
  const library = new LibraryPage(page);
  await library.gotoLibrary();
  await library.rows.first().getByTestId("clip-row-play").click();
  const audio = page.getByTestId("player-audio");
  await audio.evaluate((el: HTMLAudioElement) => (el.muted = true));
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => !el.paused && el.currentTime > 0)).toBe(true);

  // The song lists read stars for every row; without the table they cannot render.
  renameTable(app, "stars", "stars_moved");
  const failure = page.getByRole("alert").filter({ hasText: "Something went wrong" });
  try {
    await page.getByRole("link", { name: "Team" }).click();
    await expect(failure).toBeVisible();
    await expect(failure).toContainText("The server could not complete this request.");
    await expect(library.currentUser).toHaveText(erin.name);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => !el.paused)).toBe(true);

    // A fresh load of a failing page answers 500 with the same explanation.
    const response = await page.goto("/library");
    expect(response?.status()).toBe(500);
    await expect(failure).toBeVisible();
    await expect(library.currentUser).toHaveText(erin.name);
  } finally {
    renameTable(app, "stars_moved", "stars");
  }

  await library.markDocument();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(library.rows).toHaveCount(2);
  await expect(failure).toHaveCount(0);
  await library.expectSameDocument();
});
