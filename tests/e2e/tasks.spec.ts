import crypto from "node:crypto";
import { startNewapiSimulator, type Simulator } from "../simulators";
import { test as base, createToken, expect } from "./fixtures";
import { ClipPage } from "./pages/clip-page";
import { CreatePage } from "./pages/create-page";
import { TasksPage } from "./pages/tasks-page";

// The task history with the demo provider and a simulated new-api relay: a song made
// on the create page is listed in /tasks and the filters narrow the list; a task the
// vendor really failed is sent again from /tasks and the new task finishes there;
// "Reuse settings" on a task and on a clip fills the create form; an admin can switch
// to everyone's tasks.

type Api = (path: string, init?: RequestInit) => Promise<Response>;
const test = base.extend<object, { newapi: Simulator; api: Api }>({
  newapi: [
    async ({}, provide) => {
      const sim = await startNewapiSimulator({ key: `sk-e2e-${crypto.randomBytes(8).toString("hex")}`, steps: { queuedMs: 100, streamingMs: 200 } });
      await provide(sim);
      await sim.stop();
    },
    { scope: "worker" },
  ],
  appEnv: [async ({ newapi }, provide) => provide({ NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key }), { scope: "worker" }],
  api: [
    async ({ app, member }, provide) => {
      const token = createToken(app, member.email);
      await provide((path, init = {}) =>
        fetch(`${app.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": crypto.randomUUID() } }),
      );
    },
    { scope: "worker" },
  ],
});

test.describe.configure({ mode: "serial" });

interface TaskJson {
  id: string;
  status: string;
  clips: { id: string }[];
}

/** Submits through the API; a refused submit answers 502 with the failed task in its details. */
async function submit(api: Api, path: string, body: Record<string, unknown>): Promise<TaskJson> {
  const res = await api(path, { method: "POST", body: JSON.stringify(body) });
  const json = (await res.json()) as { task?: TaskJson; error?: { details: { task: TaskJson } } };
  return json.task ?? json.error!.details.task;
}

async function finished(api: Api, id: string, status: "succeeded" | "failed"): Promise<TaskJson> {
  let task: TaskJson | undefined;
  await expect.poll(async () => (task = ((await (await api(`/api/v1/tasks/${id}`)).json()) as { task: TaskJson }).task).status, { timeout: 45_000 }).toBe(status);
  return task!;
}

test("a song made on the create page is in /tasks, and the filters narrow the list", async ({ memberPage: page, api }) => {
  const create = new CreatePage(page);
  await create.goto();
  await create.submitDescription("a slow song about a lighthouse keeper");
  await expect(create.status(create.firstCard)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  const songId = (await create.firstCard.getAttribute("data-task-id"))!;
  const lyrics = await submit(api, "/api/v1/lyrics", { provider: "demo", prompt: "harbour fog" });
  await finished(api, lyrics.id, "succeeded");

  const tasks = new TasksPage(page);
  await tasks.openFromNav();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(tasks.rows.first()).toHaveAttribute("data-task-id", lyrics.id);
  const song = tasks.row(songId);
  await expect(song).toContainText("Song");
  await expect(song).toContainText("Demo (offline)");
  await expect(tasks.rowStatus(song)).toHaveAttribute("data-status", "succeeded");
  await expect(song.getByTestId("task-retry")).toHaveCount(0);

  await tasks.kindFilter.selectOption("lyrics");
  await expect(page).toHaveURL(/kind=lyrics/);
  await expect(tasks.rows).toHaveCount(1);
  await expect(tasks.rows.first()).toHaveAttribute("data-task-id", lyrics.id);

  await tasks.kindFilter.selectOption("music");
  await expect(tasks.row(songId)).toBeVisible();
  await expect(tasks.row(lyrics.id)).toHaveCount(0);

  await tasks.statusFilter.selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByTestId("empty-results")).toBeVisible();
  await tasks.statusFilter.selectOption("succeeded");
  await expect(tasks.row(songId)).toBeVisible();

  await song.getByTestId("task-link").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${songId}$`));
});

test("a task the vendor failed is retried from /tasks, and the new task appears and finishes", async ({ memberPage: page, api, newapi }) => {
  newapi.control.failNextTask();
  const failed = await submit(api, "/api/v1/generations", { provider: "newapi", mode: "inspiration", description: "a song about the tide" });
  await finished(api, failed.id, "failed");

  const tasks = new TasksPage(page);
  await tasks.goto("?status=failed");
  const row = tasks.row(failed.id);
  await expect(tasks.rowStatus(row)).toHaveAttribute("data-status", "failed");
  await expect(row).toContainText(tasks.t.tasks.errors.generation_failed);

  await tasks.goto();
  await row.getByTestId("task-retry").click();
  const retried = tasks.rows.first();
  await expect(retried).not.toHaveAttribute("data-task-id", failed.id);
  await expect(retried).toContainText("new-api relay");
  const retriedId = (await retried.getAttribute("data-task-id"))!;
  // The failed task stays as it was, below the new one.
  await expect(tasks.rowStatus(tasks.row(failed.id))).toHaveAttribute("data-status", "failed");

  const done = await finished(api, retriedId, "succeeded");
  expect(done.clips.length).toBeGreaterThan(0);
  await page.reload();
  await expect(tasks.rowStatus(tasks.row(retriedId))).toHaveAttribute("data-status", "succeeded");
  await expect(tasks.row(retriedId).getByTestId("task-retry")).toHaveCount(0);
});

test("Retry on a failed task's own page opens the new task", async ({ memberPage: page, api, newapi }) => {
  newapi.control.failNextTask();
  const failed = await submit(api, "/api/v1/generations", { provider: "newapi", mode: "custom", lyrics: "[Verse]\nsalt on the window", style: "sea shanty" });
  await finished(api, failed.id, "failed");
  await page.goto(`/tasks/${failed.id}`);
  await page.getByTestId("task-retry").click();
  await expect(page).not.toHaveURL(new RegExp(`/tasks/${failed.id}$`));
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  await expect(page.getByTestId("task-request")).toContainText("salt on the window");
});

test("Reuse settings fills the create form, from a task and from a clip", async ({ memberPage: page, api }) => {
  const custom = await submit(api, "/api/v1/generations", {
    provider: "demo",
    mode: "custom",
    title: "Paper Boats",
    style: "lo-fi folk",
    negativeStyle: "metal",
    lyrics: "[Verse]\nfolded notes on the river",
    model: "v4",
  });
  const tasks = new TasksPage(page);
  await tasks.goto();
  await tasks.row(custom.id).getByTestId("task-reuse").click();
  await expect(page).toHaveURL(new RegExp(`/\\?reuse=${custom.id}$`));
  const create = new CreatePage(page);
  await expect(page.getByTestId("reused-notice")).toBeVisible();
  await expect(page.getByTestId("mode-custom")).toBeChecked();
  await expect(page.getByLabel(create.t.create.fields.title, { exact: true })).toHaveValue("Paper Boats");
  await expect(page.getByLabel(create.t.create.fields.style, { exact: true })).toHaveValue("lo-fi folk");
  await expect(page.getByLabel(create.t.create.fields.negativeStyle, { exact: true })).toHaveValue("metal");
  await expect(page.getByLabel(create.t.create.fields.lyrics, { exact: true })).toHaveValue("[Verse]\nfolded notes on the river");
  await expect(create.provider).toHaveValue("demo");
  await expect(create.model).toHaveValue("v4");

  const inspired = await submit(api, "/api/v1/generations", { provider: "demo", mode: "inspiration", description: "a bright song about kites" });
  const [clipId] = (await finished(api, inspired.id, "succeeded")).clips.map((c) => c.id);
  const clip = new ClipPage(page);
  await clip.goto(clipId);
  await expect(page.getByTestId("clip-prompt")).toHaveText("a bright song about kites");
  await expect(page.getByTestId("clip-task-link")).toHaveAttribute("href", `/tasks/${inspired.id}`);
  await page.getByTestId("clip-reuse").click();
  await expect(page.getByTestId("mode-inspiration")).toBeChecked();
  await expect(create.description).toHaveValue("a bright song about kites");
});

test("an admin switches to everyone's tasks; a member's own history stays their own", async ({ adminPage: page, api }) => {
  const theirs = await submit(api, "/api/v1/lyrics", { provider: "demo", prompt: "a member's secret" });
  const tasks = new TasksPage(page);
  await tasks.goto();
  await expect(tasks.row(theirs.id)).toHaveCount(0);
  await tasks.everyone.click();
  await expect(page).toHaveURL(/scope=all/);
  await expect(tasks.row(theirs.id)).toBeVisible();
  await expect(tasks.row(theirs.id).getByTestId("task-retry")).toHaveCount(0);
});
