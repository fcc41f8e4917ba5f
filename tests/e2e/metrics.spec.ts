import crypto from "node:crypto";
import { startNewapiSimulator, type Simulator } from "../simulators";
import { parseExposition, type Exposition } from "../support/prometheus";
import { test as base, createToken, expect, generateSong, startApp } from "./fixtures";

// GET /metrics against the production server, as Prometheus scrapes it: the numbers
// move while songs are made through the API against a simulated vendor over real HTTP,
// HTTP durations are labelled by route pattern (never by id), and the endpoint answers
// only its bearer token: 401 without it (never a redirect to sign-in), 404 while
// METRICS_TOKEN is unset.

const METRICS_TOKEN = `metrics-${crypto.randomBytes(12).toString("hex")}`;
const steps = { queuedMs: 100, streamingMs: 200 };

const test = base.extend<object, { newapi: Simulator }>({
  newapi: [
    async ({}, provide) => {
      const sim = await startNewapiSimulator({ key: `sk-e2e-${crypto.randomBytes(8).toString("hex")}`, steps });
      await provide(sim);
      await sim.stop();
    },
    { scope: "worker" },
  ],
  appEnv: [
    async ({ newapi }, provide) => provide({ METRICS_TOKEN, NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key, MEDIA_ALLOWED_HOSTS: "127.0.0.1" }),
    { scope: "worker" },
  ],
});

test.describe.configure({ mode: "serial" });

async function scrape(url: string): Promise<Exposition> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseExposition(await res.text());
}

test("the task, vendor and HTTP numbers move as a song is made through the API", async ({ app, member, memberPage }) => {
  const before = await scrape(app.url);
  const token = createToken(app, member.email);
  const [clipId] = await generateSong(app, token, { provider: "newapi", mode: "custom", lyrics: "[Verse]\nstreetlights hum", style: "lo-fi", model: "v4.5" });
  // A signed-in visit to the song's page, to see a page measured by its pattern.
  await memberPage.goto(`/clips/${clipId}`);

  const after = await scrape(app.url);
  const grew = (name: string, labels: Record<string, string>) => after.sum(name, labels) - before.sum(name, labels);
  expect(grew("songloft_tasks_total", { provider: "newapi", kind: "music", status: "submitting" })).toBe(1);
  expect(grew("songloft_tasks_total", { provider: "newapi", kind: "music", status: "succeeded" })).toBe(1);
  expect(grew("songloft_vendor_request_duration_seconds_count", { provider: "newapi", operation: "/suno/submit/music" })).toBe(1);
  expect(grew("songloft_vendor_request_duration_seconds_count", { provider: "newapi" })).toBeGreaterThanOrEqual(2);
  expect(after.find("songloft_tasks_open", { provider: "newapi" })[0]?.value).toBe(0);
  expect(after.find("songloft_poller_due_tasks")[0]?.value).toBeGreaterThanOrEqual(0);

  // Routes by pattern: the POST that made the song, the task it was polled through, the page.
  const http = (labels: Record<string, string>) => after.sum("songloft_http_request_duration_seconds_count", labels);
  expect(http({ route: "/api/v1/generations", method: "POST", status: "202" })).toBe(1);
  expect(http({ route: "/api/v1/tasks/[id]", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  expect(http({ route: "/clips/[id]", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  const routes = new Set(after.find("songloft_http_request_duration_seconds_count").map((s) => s.labels.route));
  expect([...routes].filter((r) => r.includes(clipId) || /\/[0-9a-z]{20,}/i.test(r))).toEqual([]);

  // The archive copies the simulator's audio and cover in the background (its loopback host allowed, as an operator would).
  await expect
    .poll(async () => (await scrape(app.url)).sum("songloft_media_archive_bytes_total"), { timeout: 30_000 })
    .toBeGreaterThan(before.sum("songloft_media_archive_bytes_total"));
});

test("without the token it is 401 as JSON, never a redirect to sign-in", async ({ app }) => {
  const attempts: Record<string, string>[] = [{}, { authorization: "Bearer not-the-token-at-all" }, { cookie: "authjs.session-token=forged" }];
  for (const headers of attempts) {
    const res = await fetch(`${app.url}/metrics`, { headers, redirect: "manual" });
    expect(res.status).toBe(401);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
  }
});

test("with METRICS_TOKEN unset, /metrics does not exist", async () => {
  const bare = await startApp({ env: {} });
  try {
    const res = await fetch(`${bare.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, redirect: "manual" });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/metric|token/i);
  } finally {
    await bare.stop();
  }
});
