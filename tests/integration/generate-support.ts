import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "@/lib/server/db/client";
import { clips, mediaFiles, taskEvents, tasks } from "@/lib/server/db/schema";
import { Poller, type PollerOptions } from "@/lib/server/poller";
import { eq, inArray } from "drizzle-orm";

// Shared by the generate, sync and poller tests (the database itself comes from
// tests/support/db.ts): a fast poller, row readers, and an HTTP endpoint that hands
// vendor callbacks to the real webhook route handler.

const pollers = new Set<Poller>();

/** Fast intervals so a whole vendor lifecycle fits in a second or two. */
export function fastPoller(options: PollerOptions = {}): Poller {
  const poller = new Poller({ tickMs: 20, baseIntervalMs: 40, maxIntervalMs: 120, fetchTimeoutMs: 2_000, taskTimeoutMs: 30_000, media: false, ...options });
  pollers.add(poller);
  return poller;
}

/** For afterEach: a test that failed midway must not leave its poller holding the lease. */
export async function stopPollers() {
  await Promise.all([...pollers].map((p) => p.stop(1_000)));
  pollers.clear();
}

/** The service schedules the first poll 5 s after submitting; tests skip the wait. */
export function makeDue(taskId: string, at = new Date()) {
  getDb().update(tasks).set({ nextPollAt: at }).where(eq(tasks.id, taskId)).run();
}

/** Ticks the poller until the task is finished (or the wall-clock limit passes). */
export async function pollUntilDone(poller: Poller, taskId: string, limitMs = 15_000): Promise<typeof tasks.$inferSelect> {
  const end = Date.now() + limitMs;
  if (taskRow(taskId).pollCount === 0) makeDue(taskId);
  for (;;) {
    await poller.tick();
    const task = taskRow(taskId);
    if (task.status === "succeeded" || task.status === "failed") return task;
    if (Date.now() > end) throw new Error(`task ${taskId} still ${task.status} after ${limitMs} ms`);
    await sleep(15);
  }
}

/** Ends whatever a test left unfinished, so the next test's poll rounds hold only its own tasks. */
export function closeOpenTasks() {
  getDb()
    .update(tasks)
    .set({ status: "failed", errorCode: "test_cleanup", nextPollAt: null })
    .where(inArray(tasks.status, ["submitting", "queued", "running"]))
    .run();
}

export function taskRow(taskId: string) {
  const row = getDb().select().from(tasks).where(eq(tasks.id, taskId)).get();
  if (!row) throw new Error(`no task ${taskId}`);
  return row;
}

export function clipsOf(taskId: string) {
  return getDb().select().from(clips).where(eq(clips.taskId, taskId)).all();
}

export function eventsOf(taskId: string) {
  return getDb().select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).all();
}

export function mediaOf(clipId: string) {
  return getDb().select().from(mediaFiles).where(eq(mediaFiles.clipId, clipId)).all();
}

export function countTasks(): number {
  return getDb().select().from(tasks).all().length;
}

/**
 * A real HTTP server in front of the webhook route handler, so simulators can
 * deliver callbacks over the network exactly as a vendor would.
 */
export async function startWebhookServer(): Promise<{ url: string; hits: { path: string; status: number }[]; stop(): Promise<void> }> {
  const { POST } = await import("@/app/api/webhooks/[provider]/[secret]/route");
  const hits: { path: string; status: number }[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/api\/webhooks\/([^/]+)\/([^/?]+)$/.exec(req.url ?? "");
    if (!match || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
    const response = await POST(request, { params: Promise.resolve({ provider: decodeURIComponent(match[1]), secret: match[2] }) });
    hits.push({ path: req.url ?? "", status: response.status });
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
