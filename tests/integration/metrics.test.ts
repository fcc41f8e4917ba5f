import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { resetEnvCache } from "@/lib/env";
import { generationBodySchema } from "@/lib/schemas/generate";
import { getDb } from "@/lib/server/db/client";
import { mediaFiles } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { submitGeneration } from "@/lib/server/services/generate";
import { startNewapiSimulator, type Simulator } from "@/tests/simulators";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";
import { parseExposition, type Exposition } from "../support/prometheus";
import { closeOpenTasks, fastPoller, pollUntilDone, stopPollers } from "./generate-support";

// GET /metrics through its real route handler, with songs made against the new-api
// simulator over real HTTP: the counters move as a Grafana user expects, and the
// endpoint answers only a scraper holding METRICS_TOKEN.

const TOKEN = "metrics-token-0123456789abcdef";
let db: TestDb;
let sim: Simulator;
let owner: ReturnType<typeof createUser>;

beforeAll(async () => {
  sim = await startNewapiSimulator();
  db = openTestDb({ DEMO_PROVIDER: "on", NEWAPI_BASE_URL: sim.url, NEWAPI_API_KEY: sim.key });
  setToken(TOKEN);
  owner = createUser({ name: "Owner" });
});
afterEach(async () => {
  await stopPollers();
  closeOpenTasks();
  sim.control.reset();
  setToken(TOKEN);
});
afterAll(async () => {
  await sim.stop();
  delete process.env.METRICS_TOKEN;
  db.cleanup();
});

function setToken(token: string | undefined) {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetEnvCache();
}

const get = (authorization?: string) => GET(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));

async function scrape(): Promise<Exposition> {
  const res = await get(`Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

const song = () => generationBodySchema.parse({ provider: "newapi", mode: "custom", lyrics: "[Verse]\nneon rain", style: "synthwave" });

describe("who may scrape", () => {
  it("answers 404 without a hint while METRICS_TOKEN is unset", async () => {
    setToken(undefined);
    const res = await get(`Bearer ${TOKEN}`);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toMatch(/metric|token/i);
  });

  it("answers 401 as a JSON error for a missing or wrong token", async () => {
    for (const header of [undefined, "Bearer wrong-token-0123456789abcd", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`]) {
      const res = await get(header);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("answers Prometheus text (version 0.0.4) for the right token, with the process metrics prefixed", async () => {
    const res = await get(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const metrics = parseExposition(await res.text());
    expect(metrics.types.get("songloft_process_cpu_seconds_total")).toBe("counter");
    expect(metrics.find("songloft_process_resident_memory_bytes")[0]?.value).toBeGreaterThan(0);
    for (const [name, type] of [
      ["songloft_tasks_total", "counter"],
      ["songloft_tasks_open", "gauge"],
      ["songloft_vendor_request_duration_seconds", "histogram"],
      ["songloft_vendor_errors_total", "counter"],
      ["songloft_poller_lag_seconds", "gauge"],
      ["songloft_poller_due_tasks", "gauge"],
      ["songloft_media_archive_bytes_total", "counter"],
      ["songloft_media_failed", "gauge"],
      ["songloft_http_request_duration_seconds", "histogram"],
    ]) {
      expect(metrics.types.get(name), name).toBe(type);
    }
  });
});

describe("what a song does to the numbers", () => {
  it("counts each status a task reaches and times every vendor call by operation, never by id", async () => {
    const before = await scrape();
    const poller = fastPoller();
    const { task } = await submitGeneration(owner, song(), {});
    const done = await pollUntilDone(poller, task.id);
    expect(done.status).toBe("succeeded");
    const after = await scrape();

    const grew = (name: string, labels: Record<string, string>) => after.sum(name, labels) - before.sum(name, labels);
    for (const status of ["submitting", "queued", "succeeded"]) expect(grew("songloft_tasks_total", { provider: "newapi", kind: "music", status }), status).toBe(1);
    expect(grew("songloft_tasks_total", { provider: "newapi", status: "failed" })).toBe(0);
    expect(grew("songloft_vendor_request_duration_seconds_count", { provider: "newapi", operation: "/suno/submit/music" })).toBe(1);
    expect(grew("songloft_vendor_request_duration_seconds_count", { provider: "newapi", operation: "/suno/fetch/{id}" })).toBeGreaterThanOrEqual(1);
    expect(after.sum("songloft_vendor_request_duration_seconds_sum", { provider: "newapi" })).toBeGreaterThan(0);
    // Label values are patterns: no vendor task id, clip id or task id ever becomes a series.
    const ids = [task.id, done.vendorTaskId!];
    expect(after.samples.filter((s) => Object.values(s.labels).some((v) => ids.some((id) => v.includes(id))))).toEqual([]);
  });

  it("counts a refused submission as a failed task and a vendor error by its code", async () => {
    const before = await scrape();
    sim.control.inject("submit", { kind: "fixture", name: "error_401_invalid_token" });
    const { task } = await submitGeneration(owner, song(), {});
    expect(task.status).toBe("failed");
    const after = await scrape();
    expect(after.sum("songloft_vendor_errors_total", { provider: "newapi", code: "auth" }) - before.sum("songloft_vendor_errors_total", { provider: "newapi", code: "auth" })).toBe(
      1,
    );
    expect(after.sum("songloft_tasks_total", { provider: "newapi", status: "failed" }) - before.sum("songloft_tasks_total", { provider: "newapi", status: "failed" })).toBe(1);
    expect(
      after.sum("songloft_vendor_request_duration_seconds_count", { operation: "/suno/submit/music" }) -
        before.sum("songloft_vendor_request_duration_seconds_count", { operation: "/suno/submit/music" }),
    ).toBe(1);
  });
});

describe("what the database says at scrape time", () => {
  it("shows open tasks per provider (0 included), the due tasks and how long the oldest has waited", async () => {
    const now = Date.now();
    createTask(owner, { providerId: "newapi", status: "queued", vendorTaskId: "v-1", nextPollAt: new Date(now - 90_000) });
    createTask(owner, { providerId: "newapi", status: "running", vendorTaskId: "v-2", nextPollAt: new Date(now - 5_000) });
    createTask(owner, { providerId: "newapi", status: "running", vendorTaskId: "v-3", nextPollAt: new Date(now + 60_000) });
    createTask(owner, { providerId: "newapi", status: "succeeded", nextPollAt: null });
    const metrics = await scrape();
    expect(metrics.find("songloft_tasks_open", { provider: "newapi" })[0]?.value).toBe(3);
    expect(metrics.find("songloft_tasks_open", { provider: "demo" })[0]?.value).toBe(0);
    expect(metrics.find("songloft_poller_due_tasks")[0]?.value).toBe(2);
    const lag = metrics.find("songloft_poller_lag_seconds")[0]?.value ?? 0;
    expect(lag).toBeGreaterThanOrEqual(90);
    expect(lag).toBeLessThan(90 + 60);

    closeOpenTasks();
    const drained = await scrape();
    expect(drained.find("songloft_tasks_open", { provider: "newapi" })[0]?.value).toBe(0);
    expect(drained.find("songloft_poller_due_tasks")[0]?.value).toBe(0);
    expect(drained.find("songloft_poller_lag_seconds")[0]?.value).toBe(0);
  });

  it("counts archive files that failed for good", async () => {
    const before = (await scrape()).find("songloft_media_failed")[0]?.value ?? 0;
    const clip = createClip(owner);
    getDb()
      .insert(mediaFiles)
      .values({ id: newId(), clipId: clip.id, kind: "audio", sourceUrl: "https://cdn1.suno.ai/gone.mp3", status: "failed", attempts: 6, lastError: "HTTP 404" })
      .run();
    expect((await scrape()).find("songloft_media_failed")[0]?.value).toBe(before + 1);
  });
});

describe("the sample Grafana dashboard (docs/grafana-dashboard.json)", () => {
  interface Panel {
    title: string;
    datasource: { uid: string };
    targets: { expr: string }[];
  }
  const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "docs", "grafana-dashboard.json"), "utf8")) as {
    __inputs: { name: string; pluginId: string }[];
    panels: Panel[];
    templating: { list: { query: { query: string } }[] };
  };

  it("asks for a Prometheus data source on import and uses it in every panel", () => {
    expect(dashboard.__inputs).toContainEqual(expect.objectContaining({ name: "DS_PROMETHEUS", pluginId: "prometheus" }));
    for (const panel of dashboard.panels) expect(panel.datasource.uid, panel.title).toBe("${DS_PROMETHEUS}");
  });

  it("queries only metrics the server exposes", async () => {
    const { types } = await scrape();
    const exprs = [...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)), ...dashboard.templating.list.map((v) => v.query.query)];
    const named = new Set(exprs.flatMap((e) => e.match(/\bsongloft_[a-z0-9_]+/g) ?? []));
    // A histogram is exposed as its _bucket, _sum and _count series.
    const family = (name: string) => (types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, ""));
    const unknown = [...named].filter((name) => !types.has(family(name)));
    expect(unknown).toEqual([]);
    expect(named.size).toBeGreaterThanOrEqual(10);
  });

  it("has the panels a team watches", () => {
    const titles = dashboard.panels.map((p) => p.title).join("\n");
    for (const wanted of [/songs per minute/i, /open tasks/i, /vendor latency/i, /vendor errors/i, /poller lag/i, /media archive/i, /HTTP p95/i]) expect(titles).toMatch(wanted);
  });
});
