import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { createToken, expect, generateSong, SELF_URL, test, type RunningApp } from "./fixtures";
import { ClipPage } from "./pages/clip-page";

// Everything the vendors can do, as a new member meets it with the offline demo
// provider: extend a song, join the chain into the whole song, cover it, upload an MP3
// and cover that, split stems, make and download WAV and MP4. APP_URL points at the
// server itself, as it would in production, so the signed upload link is a real one.

test.describe.configure({ mode: "serial" });
test.use({ appEnv: { APP_URL: SELF_URL } });

const LYRICS = "[Verse]\nSalt on the window, gulls in the rain\nEvery tide brings you back again\n\n[Chorus]\nHarbour lights, harbour lights\nKeep me warm through the night";

let token = "";
let song = "";

interface TaskJson {
  task: {
    id: string;
    kind: string;
    status: string;
    request: Record<string, unknown>;
    clips: { id: string; title: string; duration: number | null; parentClipId: string | null; segments: string[] | null; formats: { wav?: string; video?: string } }[];
  };
}

/** Waits on the task page the operation opened until the task is done; answers it as the API tells it. */
async function finishedTask(page: Page, app: RunningApp): Promise<TaskJson["task"]> {
  await page.waitForURL(/\/tasks\/[^/]+$/);
  const id = page.url().split("/").pop()!;
  let task: TaskJson["task"] | undefined;
  await expect
    .poll(
      async () => {
        task = ((await (await fetch(`${app.url}/api/v1/tasks/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as TaskJson).task;
        return task.status;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe("succeeded");
  // The task page follows along by itself.
  await expect(page.getByTestId("task-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
  return task!;
}

async function clipJson(app: RunningApp, id: string): Promise<TaskJson["task"]["clips"][number]> {
  return ((await (await fetch(`${app.url}/api/v1/clips/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { clip: TaskJson["task"]["clips"][number] }).clip;
}

/** A real MP3 (LAME) of a few seconds of tone, the kind of file a member drops in. */
function mp3File(seconds: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "songloft-upload-")), "voice memo.mp3");
  const made = spawnSync(path.resolve("node_modules/.bin/tsx"), ["tests/support/make-mp3.mts", file, String(seconds)], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`make-mp3 failed: ${made.stderr}`);
  return file;
}

test.beforeAll(async ({ app, member }) => {
  token = createToken(app, member.email);
  [song] = await generateSong(app, token, { mode: "custom", title: "Harbour Lights", style: "folk", lyrics: LYRICS, model: "v4.5" });
});

test("the API refuses unknown fields and operations a provider lacks instead of making an ordinary song", async ({ app }) => {
  const post = (body: unknown) =>
    fetch(`${app.url}/api/v1/generations`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const unknown = await post({ mode: "inspiration", description: "rain", action: "concat" });
  expect(unknown.status).toBe(400);
  expect(((await unknown.json()) as { error: { details: unknown } }).error.details).toEqual({ action: ["unknownField"] });
  const notExtension = await post({ concat: { clipId: song } });
  expect(notExtension.status).toBe(409);
  const providers = (await (await fetch(`${app.url}/api/v1/providers`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    providers: { id: string; capabilities: string[] }[];
  };
  expect(providers.providers.find((p) => p.id === "demo")?.capabilities).toEqual(["extend", "cover", "concat", "stems", "wav", "video", "timedLyrics", "upload", "persona"]);
});

test("extend a song, get the whole song, then cover it", async ({ app, memberPage: page }) => {
  const clip = new ClipPage(page);
  await clip.goto(song);
  // A song that is not an extension offers no whole song.
  await expect(page.getByTestId("operation-concat")).toHaveCount(0);
  await page.getByTestId("extend").click();
  await page.getByTestId("extend-submit").click();
  const extension = (await finishedTask(page, app)).clips[0];
  expect(extension.parentClipId).toBe(song);

  await clip.goto(extension.id);
  await page.getByTestId("operation-concat").click();
  const whole = await finishedTask(page, app);
  expect(whole).toMatchObject({ kind: "concat" });
  expect(whole.clips).toHaveLength(1);
  expect(whole.clips[0].segments).toEqual([song, extension.id]);
  const [first, second] = [await clipJson(app, song), extension];
  const continueAt = (
    (await (await fetch(`${app.url}/api/v1/clips/${extension.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { clip: { continueAt: number } }
  ).clip.continueAt;
  expect(whole.clips[0].duration).toBeCloseTo(continueAt + second.duration!, 0);
  expect(first.duration).toBeGreaterThan(0);

  await clip.goto(whole.clips[0].id);
  await expect(page.getByTestId("lineage-segments").getByRole("link")).toHaveCount(2);
  await page.getByTestId("operation-cover").click();
  await page.locator("#create-description").fill("slow bossa nova with a nylon guitar");
  await page.getByTestId("cover-submit").click();
  const cover = await finishedTask(page, app);
  expect(cover.kind).toBe("cover");
  expect(cover.clips).toHaveLength(2);
  expect(cover.clips.every((c) => c.parentClipId === whole.clips[0].id)).toBe(true);
  await expect(page.getByTestId("task-source")).toHaveAttribute("href", `/clips/${whole.clips[0].id}`);
});

test("upload an MP3 and cover it; a file that is not audio is refused with a clear reason", async ({ app, memberPage: page }) => {
  await page.goto("/");
  await page.getByTestId("upload-link").click();
  await page.getByTestId("upload-file").setInputFiles({ name: "song.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("<html>not a song</html>") });
  await page.getByTestId("upload-submit").click();
  await expect(page.getByTestId("upload-error")).toHaveText("That file is not an MP3 or WAV. Only MP3 and WAV files can be uploaded.");

  await page.getByTestId("upload-file").setInputFiles(mp3File(4));
  await page.getByTestId("upload-submit").click();
  await page.waitForURL(/\/uploads\/[^/]+$/);
  await expect(page.getByTestId("upload-title")).toHaveText("voice memo");
  await page.locator("#create-description").fill("a choir arrangement of this melody");
  await page.getByTestId("cover-submit").click();
  const cover = await finishedTask(page, app);
  expect(cover.request).toMatchObject({ cover: { uploadId: expect.any(String) } });
  expect(cover.clips).toHaveLength(2);
});

test("split stems, make a WAV and a video, and download them", async ({ app, memberPage: page }) => {
  const clip = new ClipPage(page);
  await clip.goto(song);
  await page.getByTestId("operation-stems").click();
  const stems = await finishedTask(page, app);
  expect(stems.clips.map((c) => c.title)).toEqual(["Harbour Lights - Vocals", "Harbour Lights - Instrumental"]);
  await clip.goto(stems.clips[0].id);
  await expect(clip.title).toHaveText("Harbour Lights - Vocals");
  const vocals = await clip.download("audio");
  expect(vocals.suggestedFilename()).toBe("Harbour Lights - Vocals.wav");

  await clip.goto(song);
  await page.getByTestId("operation-wav").click();
  await finishedTask(page, app);
  await clip.goto(song);
  await expect(page.getByTestId("operation-wav")).toHaveCount(0);
  const wav = await clip.download("wav");
  expect(wav.suggestedFilename()).toBe("Harbour Lights.wav");
  expect(fs.readFileSync(await wav.path()).toString("latin1", 8, 12)).toBe("WAVE");

  await page.getByTestId("operation-video").click();
  await finishedTask(page, app);
  await clip.goto(song);
  const video = page.getByTestId("clip-video");
  await expect(video).toBeVisible();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => (v.load(), new Promise<number>((r) => (v.onloadedmetadata = () => r(v.duration))))), { timeout: 30_000 })
    .toBeGreaterThan(5);
  const mp4 = await clip.download("video");
  expect(mp4.suggestedFilename()).toBe("Harbour Lights.mp4");
  expect(fs.readFileSync(await mp4.path()).toString("latin1", 4, 8)).toBe("ftyp");
});

test("make a persona and sing a new song in its voice", async ({ app, memberPage: page }) => {
  const clip = new ClipPage(page);
  await clip.goto(song);
  await page.getByTestId("operation-persona").click();
  await page.getByLabel("Persona name").fill("Harbour voice");
  await page.getByTestId("persona-submit").click();
  await finishedTask(page, app);

  await page.goto("/");
  await page.getByTestId("advanced-toggle").click();
  await page.getByTestId("persona-select").selectOption({ label: "Harbour voice" });
  await page.locator("#create-description").fill("a lullaby for a sleepy port town");
  await page.getByTestId("create-submit").click();
  await expect(page.getByTestId("recent-tasks").locator("li").first()).toContainText("a lullaby for a sleepy port town");
  const personas = (await (await fetch(`${app.url}/api/v1/personas`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; name: string }[] };
  const persona = personas.items.find((p) => p.name === "Harbour voice");
  expect(persona).toBeTruthy();
  const tasks = (await (await fetch(`${app.url}/api/v1/tasks?kind=music&limit=5`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    items: { request: { personaId?: string } }[];
  };
  expect(tasks.items[0].request.personaId).toBe(persona!.id);
});
