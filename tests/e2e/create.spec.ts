import { expect, test, type Locator, type Page } from "@playwright/test";
import { account, completeSetup, startApp, type RunningApp } from "./fixtures";

// The heart of the product with the demo provider: create a song in both modes, watch
// it finish without reloading, play it, write lyrics, extend a clip, read the task page.

let app: RunningApp;
let page: Page;
const owner = account("creator");

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  // A second provider whose vendor cannot be reached, to see a failure explained.
  app = await startApp({ env: { NEWAPI_BASE_URL: "http://127.0.0.1:9", NEWAPI_API_KEY: "sk-e2e-unreachable-0000" } });
  page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await completeSetup(page, app, owner);
});
test.afterAll(async () => {
  await page?.context().close();
  await app?.stop();
});

/** Remembers the document, so a reload (which would forget it) is detectable. */
async function markDocument() {
  await page.evaluate(() => ((window as unknown as { songloftMark: number }).songloftMark = 42));
}
async function expectSameDocument() {
  expect(await page.evaluate(() => (window as unknown as { songloftMark?: number }).songloftMark)).toBe(42);
}

function status(scope: Locator) {
  return scope.getByTestId("task-status").first();
}

/** Plays a clip's audio element and returns its duration once the metadata has loaded. */
async function playAndMeasure(audio: Locator): Promise<number> {
  return audio.evaluate(async (el: HTMLAudioElement) => {
    el.muted = true;
    const loaded = el.readyState >= 1 ? Promise.resolve() : new Promise((resolve) => el.addEventListener("loadedmetadata", resolve, { once: true }));
    await el.play();
    await loaded;
    el.pause();
    return el.duration;
  });
}

test("inspiration mode: the song is queued, runs and finishes on screen without a reload, and plays", async () => {
  await page.goto(`${app.url}/`);
  await expect(page.getByLabel("Provider")).toHaveValue("demo");
  await expect(page.getByLabel("Provider").locator("option:checked")).toHaveText("Demo (offline)");

  const description = "A warm acoustic song about the first morning of spring";
  await page.getByLabel("Song description").fill(description);
  await expect(page.getByTestId("create-description-count")).toContainText(`${description.length} / 500`);
  await markDocument();
  // A double click is one intended submission: one task.
  await page.getByTestId("create-submit").dblclick();

  const card = page.getByTestId("task-card").first();
  await expect(card).toBeVisible();
  await expect(status(card)).toHaveAttribute("data-status", /submitting|queued|running/);
  await expect(card.getByRole("progressbar")).toBeVisible();
  await expect(status(card)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(card.getByRole("progressbar")).toHaveCount(0);
  await expect(page.getByTestId("task-card")).toHaveCount(1);
  await expectSameDocument();

  const audio = card.getByTestId("clip-audio");
  await expect(audio).toHaveCount(2);
  await expect(audio.first()).toHaveAttribute("preload", /none|metadata/);
  expect(await playAndMeasure(audio.first())).toBeGreaterThan(0);
  await expect(card.getByTestId("clip-link").first()).toHaveAttribute("href", /^\/clips\/[\w-]+$/);

  // Server-rendered on the next visit too.
  await page.reload();
  await expect(page.getByTestId("task-card")).toHaveCount(1);
  await expect(status(page.getByTestId("task-card").first())).toHaveAttribute("data-status", "succeeded");
});

test("custom mode: counters follow the model's limits, errors show in place, lyrics are written for me", async () => {
  await page.goto(`${app.url}/`);
  await page.getByText("Custom", { exact: true }).click();

  await page.getByLabel("Title").fill("x".repeat(101));
  await expect(page.getByTestId("create-title-count")).toHaveAttribute("data-over", "true");
  await page.getByLabel("Title").fill("Harbour Lights");
  await expect(page.getByTestId("create-title-count")).not.toHaveAttribute("data-over", "true");

  // The style limit is 1000 on v5 and 200 on v4.
  await page.getByLabel("Model").selectOption("v5");
  await expect(page.getByTestId("create-style-count")).toContainText("/ 1000");
  await page.getByLabel("Model").selectOption("v4");
  await expect(page.getByTestId("create-style-count")).toContainText("/ 200");
  await expect(page.getByTestId("create-lyrics-count")).toContainText("/ 3000");
  await page.getByLabel("Style of music").fill("dream pop, shimmering guitars");

  await page.getByTestId("create-submit").click();
  await expect(page.getByText("Write some lyrics, or switch on Instrumental.")).toBeVisible();
  await expect(page.getByTestId("task-card")).toHaveCount(1);

  await page.getByTestId("write-lyrics").click();
  await expect(page.getByTestId("lyrics-prompt")).toHaveValue("Harbour Lights");
  await page.getByTestId("lyrics-prompt").fill("ships coming home at night");
  await page.getByTestId("lyrics-write").click();
  const lyrics = page.getByLabel("Lyrics", { exact: true });
  await expect(lyrics).not.toHaveValue("", { timeout: 30_000 });
  expect((await lyrics.inputValue()).split("\n").length).toBeGreaterThan(3);
  await expect(page.getByLabel("Title")).toHaveValue("Harbour Lights");

  await markDocument();
  await page.getByTestId("create-submit").click();
  await expect(page.getByTestId("task-card")).toHaveCount(2);
  const card = page.getByTestId("task-card").first();
  await expect(card.getByTestId("task-link")).toHaveText("Harbour Lights");
  await expect(status(card)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(card.getByTestId("clip-link").first()).toHaveText("Harbour Lights");
  await expectSameDocument();
  // The written lyrics task does not crowd the list of songs.
  await page.reload();
  await expect(page.getByTestId("task-card")).toHaveCount(2);
});

test("the task page shows the timeline, the request and, for an admin, the raw vendor payload", async () => {
  await page.goto(`${app.url}/`);
  await page.getByTestId("task-card").first().getByTestId("task-link").click();
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  await expect(page).toHaveTitle(/Harbour Lights/);
  await expect(status(page.getByTestId("task-live"))).toHaveAttribute("data-status", "succeeded");
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

  const missing = await page.goto(`${app.url}/tasks/no-such-task`);
  expect(missing?.status()).toBe(404);
});

test("extend a clip from a chosen second; the new task opens and finishes live", async () => {
  await page.goto(`${app.url}/`);
  const source = page.getByTestId("task-card").first().getByTestId("clip-link").first();
  const clipPath = await source.getAttribute("href");
  await page.goto(`${app.url}${clipPath}/extend`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Harbour Lights");
  await expect(page.getByLabel("Title")).toHaveValue("Harbour Lights");
  await expect(page.getByTestId("continue-at")).toHaveValue(/^\d+:\d\d$/);

  await page.getByTestId("continue-at").fill("9:99");
  await page.getByTestId("extend-submit").click();
  await expect(page.getByText("Enter a time within the song, like 1:05.")).toBeVisible();

  await page.getByTestId("continue-at").fill("0:10");
  await page.getByLabel("Lyrics for the continuation").fill("[Verse 3]\nThe harbour sleeps, the lights stay on");
  await page.getByTestId("extend-submit").click();
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  await markDocument();
  await expect(page.getByTestId("task-request")).toContainText("from 0:10");
  const live = page.getByTestId("task-live");
  await expect(status(live)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(live.getByTestId("clip")).toHaveCount(2);
  // The demo continues 20 s past the chosen second.
  await expect(live.getByTestId("clip").first()).toContainText("0:30");
  expect(await playAndMeasure(live.getByTestId("clip-audio").first())).toBeGreaterThan(25);
  await expectSameDocument();
});

test("a vendor that cannot be reached: models follow the provider, and the failure is explained in plain words", async () => {
  await page.goto(`${app.url}/`);
  const models = page.getByLabel("Model").locator("option");
  await expect(models).toHaveText(["v5", "v4.5+", "v4.5", "v4", "v3.5"]);
  await page.getByLabel("Model").selectOption("v3.5");
  await page.getByLabel("Provider").selectOption({ label: "new-api relay" });
  await expect(models.first()).toHaveText("v4");
  await expect(page.getByLabel("Model")).toHaveValue("v3.5");

  await page.getByText("Inspiration", { exact: true }).click();
  await page.getByLabel("Song description").fill("A song the vendor never hears");
  await page.getByTestId("create-submit").click();
  const card = page.getByTestId("task-card").first();
  await expect(card.getByTestId("task-link")).toHaveText("A song the vendor never hears");
  await expect(status(card)).toHaveAttribute("data-status", "failed");
  await expect(card.getByTestId("task-error")).toContainText("The vendor is unavailable right now");
  await expect(page.getByTestId("create-submit")).toBeEnabled();

  // The last choice is remembered.
  await page.reload();
  await expect(page.getByLabel("Provider")).toHaveValue("newapi");
  await expect(page.getByLabel("Model")).toHaveValue("v3.5");
});

test("a song in the making shows at the top of the library, live, and joins the list when it is done, without a reload", async () => {
  await page.goto(`${app.url}/`);
  // The previous journey left the unreachable vendor chosen.
  await page.getByLabel("Provider").selectOption("demo");
  await page.getByLabel("Song description").fill("A slow song about a lighthouse keeper");
  await page.getByTestId("create-submit").click();
  await expect(page.getByTestId("task-card").first()).toBeVisible();

  await page.goto(`${app.url}/library`);
  const inFlight = page.getByTestId("in-flight-task");
  await expect(inFlight).toHaveCount(1);
  await expect(inFlight.getByTestId("task-status")).toHaveAttribute("data-status", /queued|running|streaming/);
  const before = await page.getByTestId("clip-row-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  await markDocument();

  await expect(inFlight).toHaveCount(0, { timeout: 45_000 });
  // Both takes are the newest rows now, in the same document.
  const rows = page.getByTestId("clip-row-link");
  await expect(rows).toHaveCount(before.length + 2);
  const top = await rows.evaluateAll((links) => links.slice(0, 2).map((a) => a.getAttribute("href")));
  for (const href of top) expect(before).not.toContain(href);
  await expectSameDocument();
});
