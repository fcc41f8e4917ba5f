import { expect, test } from "./fixtures";
import { ClipPage } from "./pages/clip-page";
import { CreatePage } from "./pages/create-page";
import { LibraryPage } from "./pages/library-page";

// The heart of the product with the demo provider: create a song in both modes, watch
// it finish without reloading, play it, write lyrics, extend a clip, read the task page.

test.describe.configure({ mode: "serial" });
// A second provider whose vendor cannot be reached, to see a failure explained.
test.use({ appEnv: { NEWAPI_BASE_URL: "http://127.0.0.1:9", NEWAPI_API_KEY: "sk-e2e-unreachable-0000" } });

test("inspiration mode: the song is queued, runs and finishes on screen without a reload, and plays", async ({ adminPage: page }) => {
  const create = new CreatePage(page);
  await create.goto();
  await expect(create.provider).toHaveValue("demo");
  await expect(create.provider.locator("option:checked")).toHaveText("Demo (offline)");

  const description = "A warm acoustic song about the first morning of spring";
  await create.description.fill(description);
  await expect(page.getByTestId("create-description-count")).toContainText(`${description.length} / 500`);
  await create.markDocument();
  // A double click is one intended submission: one task.
  await create.submit.dblclick();

  const card = create.firstCard;
  await expect(card).toBeVisible();
  await expect(create.status(card)).toHaveAttribute("data-status", /submitting|queued|running/);
  await expect(card.getByRole("progressbar")).toBeVisible();
  await expect(create.status(card)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(card.getByRole("progressbar")).toHaveCount(0);
  await expect(create.taskCards).toHaveCount(1);
  await create.expectSameDocument();

  const audio = card.getByTestId("clip-audio");
  await expect(audio).toHaveCount(2);
  await expect(audio.first()).toHaveAttribute("preload", /none|metadata/);
  expect(await create.playAndMeasure(audio.first())).toBeGreaterThan(0);
  await expect(card.getByTestId("clip-link").first()).toHaveAttribute("href", /^\/clips\/[\w-]+$/);

  // Server-rendered on the next visit too.
  await page.reload();
  await expect(create.taskCards).toHaveCount(1);
  await expect(create.status(create.firstCard)).toHaveAttribute("data-status", "succeeded");
});

test("custom mode: counters follow the model's limits, errors show in place, lyrics are written for me", async ({ adminPage: page }) => {
  const create = new CreatePage(page);
  await create.goto();
  await create.chooseMode("custom");

  await page.getByLabel("Title").fill("x".repeat(101));
  await expect(page.getByTestId("create-title-count")).toHaveAttribute("data-over", "true");
  await page.getByLabel("Title").fill("Harbour Lights");
  await expect(page.getByTestId("create-title-count")).not.toHaveAttribute("data-over", "true");

  // The style limit is 1000 on v5 and 200 on v4.
  await create.model.selectOption("v5");
  await expect(page.getByTestId("create-style-count")).toContainText("/ 1000");
  await create.model.selectOption("v4");
  await expect(page.getByTestId("create-style-count")).toContainText("/ 200");
  await expect(page.getByTestId("create-lyrics-count")).toContainText("/ 3000");
  await page.getByLabel("Style of music").fill("dream pop, shimmering guitars");

  await create.submit.click();
  await expect(page.getByText("Write some lyrics, or switch on Instrumental.")).toBeVisible();
  await expect(create.taskCards).toHaveCount(1);

  await page.getByTestId("write-lyrics").click();
  await expect(page.getByTestId("lyrics-prompt")).toHaveValue("Harbour Lights");
  await page.getByTestId("lyrics-prompt").fill("ships coming home at night");
  await page.getByTestId("lyrics-write").click();
  const lyrics = page.getByLabel("Lyrics", { exact: true });
  await expect(lyrics).not.toHaveValue("", { timeout: 30_000 });
  expect((await lyrics.inputValue()).split("\n").length).toBeGreaterThan(3);
  await expect(page.getByLabel("Title")).toHaveValue("Harbour Lights");

  await create.markDocument();
  await create.submit.click();
  await expect(create.taskCards).toHaveCount(2);
  const card = create.firstCard;
  await expect(card.getByTestId("task-link")).toHaveText("Harbour Lights");
  await expect(create.status(card)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(card.getByTestId("clip-link").first()).toHaveText("Harbour Lights");
  await create.expectSameDocument();
  // The written lyrics task does not crowd the list of songs.
  await page.reload();
  await expect(create.taskCards).toHaveCount(2);
});

test("the task page shows the timeline, the request and, for an admin, the raw vendor payload", async ({ adminPage: page }) => {
  const create = new CreatePage(page);
  await create.goto();
  await create.firstCard.getByTestId("task-link").click();
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  await expect(page).toHaveTitle(/Harbour Lights/);
  await expect(create.status(page.getByTestId("task-live"))).toHaveAttribute("data-status", "succeeded");
  const timeline = page.getByTestId("task-timeline").locator("li");
  await expect(timeline.first()).toContainText("Task saved, sending to the provider");
  await expect(timeline.last()).toContainText("Finished");
  expect(await timeline.count()).toBeGreaterThanOrEqual(3);
  const request = page.getByTestId("task-request");
  await expect(request).toContainText("Custom");
  await expect(request).toContainText("dream pop, shimmering guitars");
  await expect(request).toContainText("v4");
  await expect(request).toContainText("Demo (offline)");
  await page.getByText("Raw vendor payload").click();
  await expect(page.getByTestId("vendor-payload").locator("pre").first()).toContainText('"demo": true');

  const missing = await page.goto("/tasks/no-such-task");
  expect(missing?.status()).toBe(404);
});

test("extend a clip from a chosen second; the new task opens and finishes live", async ({ adminPage: page }) => {
  const create = new CreatePage(page);
  await create.goto();
  const clipPath = await create.firstCard.getByTestId("clip-link").first().getAttribute("href");
  const clip = new ClipPage(page);
  await clip.gotoExtend(clipPath!);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Harbour Lights");
  await expect(page.getByLabel("Title")).toHaveValue("Harbour Lights");
  await expect(clip.continueAt).toHaveValue(/^\d+:\d\d$/);

  await clip.continueAt.fill("9:99");
  await clip.extendSubmit.click();
  await expect(page.getByText("Enter a time within the song, like 1:05.")).toBeVisible();

  await clip.continueAt.fill("0:10");
  await page.getByLabel("Lyrics for the continuation").fill("[Verse 3]\nThe harbour sleeps, the lights stay on");
  await clip.extendSubmit.click();
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  await create.markDocument();
  await expect(page.getByTestId("task-request")).toContainText("from 0:10");
  const live = page.getByTestId("task-live");
  await expect(create.status(live)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(live.getByTestId("clip")).toHaveCount(2);
  // The demo continues 20 s past the chosen second.
  await expect(live.getByTestId("clip").first()).toContainText("0:30");
  expect(await create.playAndMeasure(live.getByTestId("clip-audio").first())).toBeGreaterThan(25);
  await create.expectSameDocument();
});

test("a vendor that cannot be reached: models follow the provider, and the failure is explained in plain words", async ({ adminPage: page }) => {
  const create = new CreatePage(page);
  await create.goto();
  const models = create.model.locator("option");
  await expect(models).toHaveText(["v5", "v4.5+", "v4.5", "v4", "v3.5"]);
  await create.model.selectOption("v3.5");
  await create.provider.selectOption({ label: "new-api relay" });
  await expect(models.first()).toHaveText("v4");
  await expect(create.model).toHaveValue("v3.5");

  await create.chooseMode("inspiration");
  await create.submitDescription("A song the vendor never hears");
  const card = create.firstCard;
  await expect(card.getByTestId("task-link")).toHaveText("A song the vendor never hears");
  await expect(create.status(card)).toHaveAttribute("data-status", "failed");
  await expect(card.getByTestId("task-error")).toContainText("The vendor is unavailable right now");
  await expect(create.submit).toBeEnabled();

  // The last choice is remembered.
  await page.reload();
  await expect(create.provider).toHaveValue("newapi");
  await expect(create.model).toHaveValue("v3.5");
});

test("a song in the making shows at the top of the library, live, and joins the list when it is done, without a reload", async ({ adminPage: page }) => {
  const create = new CreatePage(page);
  await create.goto();
  // The previous journey left the unreachable vendor chosen.
  await create.provider.selectOption("demo");
  await create.submitDescription("A slow song about a lighthouse keeper");
  await expect(create.firstCard).toBeVisible();

  const library = new LibraryPage(page);
  await library.gotoLibrary();
  await expect(library.inFlight).toHaveCount(1);
  await expect(library.inFlight.getByTestId("task-status")).toHaveAttribute("data-status", /queued|running|streaming/);
  const before = await library.rowHrefs();
  await library.markDocument();

  await expect(library.inFlight).toHaveCount(0, { timeout: 45_000 });
  // Both takes are the newest rows now, in the same document.
  await expect(library.rowLinks).toHaveCount(before.length + 2);
  const top = (await library.rowHrefs()).slice(0, 2);
  for (const href of top) expect(before).not.toContain(href);
  await library.expectSameDocument();
});
