import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import type { CreateWebhookInput } from "@/lib/schemas/webhooks";
import { getDb } from "@/lib/server/db/client";
import { webhookDeliveries, webhooks, type User } from "@/lib/server/db/schema";
import { admitFeed, MAX_FEEDS_PER_USER } from "@/lib/server/services/stream-registry";
import { applyVendorTask, failOpenTask } from "@/lib/server/services/sync-task";
import { openUserEventStream } from "@/lib/server/services/user-events";
import { DELIVERY_RETENTION_MS, deliverDue, MAX_ATTEMPTS, openWebhookSecret, pruneOldDeliveries, RETRY_BACKOFF_MS } from "@/lib/server/services/webhook-delivery";
import { createWebhook, listWebhooksForAdmin, sendTestWebhook } from "@/lib/server/services/webhooks";
import { createTask, createUser, openTestDb, type TestDb } from "../support/db";
import { vendorClip } from "../support/vendor-clip";

// Team webhooks end to end below the browser: a task finishing queues a delivery in
// the same transaction, the sender posts it to a real HTTP receiver on 127.0.0.1 (signed
// per Standard Webhooks, or as Slack/Discord chat JSON), retries with backoff, gives up,
// and never reaches a loopback address unless WEBHOOK_ALLOWED_HOSTS lists it. Then the
// per-user notification stream: only the caller's own finished tasks, from "now", resumable.

interface Received {
  headers: Record<string, string>;
  body: string;
}

let env: TestDb;
let server: http.Server;
let url: string;
let received: Received[] = [];
/** Statuses the receiver answers with, in turn; 200 once they run out. */
let answers: number[] = [];
let admin: User;
let ada: User;

const APP_URL = "https://songs.example";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?team=1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  env = openTestDb({ APP_URL, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  admin = createUser({ name: "Root", role: "admin" });
  ada = createUser({ name: "Ada" });
  received = [];
  answers = [];
});
afterEach(() => env.cleanup());

function hook(over: Partial<CreateWebhookInput> = {}) {
  return createWebhook(admin, { name: "Team", url, format: "standard", events: ["task.succeeded", "task.failed"], enabled: true, ...over });
}

function openTask(owner: User = ada) {
  return createTask(owner, { status: "running", vendorTaskId: `v-${Math.random()}`, request: { title: "Asked title" } });
}

/** The vendor reports the task done with one finished take titled `title`. */
function finish(taskId: string, title = "Night Drive") {
  const now = new Date();
  applyVendorTask(
    taskId,
    {
      vendorTaskId: "v",
      status: "succeeded",
      vendorStatus: "complete",
      progress: 100,
      error: null,
      clips: [vendorClip({ vendorClipId: `c-${taskId}`, title, state: "succeeded", audioUrl: "https://cdn1.suno.ai/a.mp3", duration: 120 })],
      lyrics: null,
      submittedAt: null,
      startedAt: null,
      finishedAt: now,
      raw: {},
    },
    { now, nextPollAt: now },
  );
}

const deliveries = () => getDb().select().from(webhookDeliveries).all();

describe("team webhooks", () => {
  it("queues a delivery when a task finishes and sends a Standard Webhooks payload the receiver verifies with the secret", async () => {
    const { webhook, secret } = await hook();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const task = openTask();
    finish(task.id);
    // Committed with the task's finish, before anything was sent.
    expect(deliveries()).toMatchObject([{ webhookId: webhook.id, event: "task.succeeded", status: "pending", attempts: 0 }]);

    expect(await deliverDue()).toBe(1);
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received;
    expect(headers["webhook-id"]).toBe(deliveries()[0].id);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(secret).verify(body, headers) as { type: string; data: Record<string, any> };
    const clipId = payload.data.clips[0].id;
    expect(payload).toMatchObject({
      type: "task.succeeded",
      data: {
        taskId: task.id,
        kind: "music",
        status: "succeeded",
        title: "Night Drive",
        url: `${APP_URL}/tasks/${task.id}`,
        clips: [{ id: clipId, title: "Night Drive", url: `${APP_URL}/clips/${clipId}` }],
        error: null,
        owner: { name: "Ada" },
      },
    });
    expect(body).not.toContain(ada.email);
    // A tampered body fails verification.
    expect(() => new Webhook(secret).verify(body.replace("Night Drive", "Day Drive"), headers)).toThrow();
    expect(listWebhooksForAdmin(admin)[0].deliveries).toMatchObject([{ status: "delivered", attempts: 1, lastStatus: 200, lastError: null }]);
  });

  it("keeps the signing secret only encrypted, bound to its webhook", async () => {
    const { webhook, secret } = await hook();
    const row = getDb().select().from(webhooks).get()!;
    expect(row.secretCiphertext).toMatch(/^v2\./);
    expect(row.secretCiphertext).not.toContain(secret.slice(6, 20));
    expect(openWebhookSecret(row)).toBe(secret);
    // Sealed to this webhook: copied onto another row it does not open.
    expect(() => openWebhookSecret({ id: "another", secretCiphertext: row.secretCiphertext })).toThrow();
    expect(JSON.stringify(listWebhooksForAdmin(admin))).not.toContain(secret);
    expect(webhook).not.toHaveProperty("secret");
  });

  it("sends Slack/Discord chat JSON with the plain-language reason when a song fails", async () => {
    await hook({ format: "slack" });
    const task = openTask();
    failOpenTask(task.id, { code: "moderation", message: "The prompt was refused by moderation.", vendorMessage: null }, { now: new Date() });
    await deliverDue();
    expect(received).toHaveLength(1);
    const body = JSON.parse(received[0].body) as { text: string; content: string };
    expect(Object.keys(body).sort()).toEqual(["content", "text"]);
    expect(body.content).toBe(body.text);
    expect(body.text).toBe(`“Asked title” failed (Ada): The prompt was refused by moderation. ${APP_URL}/tasks/${task.id}`);
    expect(received[0].headers["webhook-signature"]).toBeUndefined();
  });

  it("tells only the webhooks that asked for the event, and none that are switched off", async () => {
    await hook({ name: "Only failures", events: ["task.failed"] });
    await hook({ name: "Off", enabled: false });
    finish(openTask().id);
    expect(deliveries()).toEqual([]);
  });

  it("retries a 500 after the first backoff step, then delivers", async () => {
    await hook();
    answers = [500];
    finish(openTask().id);
    const t0 = new Date();
    await deliverDue({ now: t0 });
    expect(deliveries()[0]).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "The receiver answered HTTP 500." });
    expect(deliveries()[0].nextAttemptAt!.getTime()).toBe(t0.getTime() + RETRY_BACKOFF_MS[0]);

    expect(await deliverDue({ now: new Date(t0.getTime() + RETRY_BACKOFF_MS[0] - 1_000) })).toBe(0);
    expect(received).toHaveLength(1);

    await deliverDue({ now: new Date(t0.getTime() + RETRY_BACKOFF_MS[0]) });
    expect(deliveries()[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200 });
    // A retry is the same message: the receiver can drop duplicates by webhook-id.
    expect(received[1].headers["webhook-id"]).toBe(received[0].headers["webhook-id"]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, each after a longer wait`, async () => {
    await hook();
    answers = Array(20).fill(503);
    finish(openTask().id);
    let now = new Date();
    const waits: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await deliverDue({ now })).toBe(1);
      const d = deliveries()[0];
      if (d.nextAttemptAt) {
        waits.push(d.nextAttemptAt.getTime() - now.getTime());
        now = d.nextAttemptAt;
      }
    }
    expect(waits).toEqual(RETRY_BACKOFF_MS);
    expect(deliveries()[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastStatus: 503, nextAttemptAt: null });
    expect(await deliverDue({ now: new Date(now.getTime() + 86_400_000) })).toBe(0);
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });

  it("switches a webhook off when the receiver answers 410 Gone", async () => {
    await hook();
    answers = [410];
    finish(openTask().id);
    await deliverDue();
    expect(deliveries()[0]).toMatchObject({ status: "failed", attempts: 1, lastStatus: 410 });
    expect(listWebhooksForAdmin(admin)[0].enabled).toBe(false);
  });

  it("refuses a loopback URL unless its host is allowlisted, when saved and again when sending", async () => {
    env.setEnv({ APP_URL, WEBHOOK_ALLOWED_HOSTS: "" });
    const refusal = await hook().catch((err: unknown) => err);
    expect(isAppError(refusal) && refusal.details).toEqual({ url: ["urlPrivate"] });
    const mapped = await hook({ url: "http://[::ffff:127.0.0.1]:9/x" }).catch((err: unknown) => err);
    expect(isAppError(mapped) && mapped.details).toEqual({ url: ["urlPrivate"] });

    // Allowed when saved, then the operator takes the host off the list: nothing is sent.
    env.setEnv({ APP_URL, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
    await hook();
    env.setEnv({ APP_URL, WEBHOOK_ALLOWED_HOSTS: "" });
    finish(openTask().id);
    await deliverDue();
    expect(received).toEqual([]);
    expect(deliveries()[0]).toMatchObject({ status: "failed", attempts: 1, lastStatus: null });
    expect(deliveries()[0].lastError).toContain("WEBHOOK_ALLOWED_HOSTS");
  });

  it("forgets finished deliveries after the retention period, never a pending one", async () => {
    await hook();
    answers = [500];
    finish(openTask().id);
    finish(openTask().id);
    await deliverDue();
    const statuses = () =>
      deliveries()
        .map((d) => d.status)
        .sort();
    expect(statuses()).toEqual(["delivered", "pending"]);
    expect(pruneOldDeliveries(new Date(Date.now() + DELIVERY_RETENTION_MS - 60_000))).toBe(0);
    expect(pruneOldDeliveries(new Date(Date.now() + DELIVERY_RETENTION_MS + 60_000))).toBe(1);
    expect(statuses()).toEqual(["pending"]);
  });

  it("sends a test message at once when an admin asks, and only admins may", async () => {
    const { webhook } = await hook({ format: "slack" });
    const result = await sendTestWebhook(admin, webhook.id);
    expect(result).toMatchObject({ event: "webhook.test", status: "delivered", attempts: 1 });
    expect(JSON.parse(received[0].body).text).toContain("test");
    const denied = await sendTestWebhook(ada, webhook.id).catch((err: unknown) => err);
    expect(isAppError(denied) && denied.code).toBe("forbidden");
  });
});

/** Reads SSE events from a stream until `count` `task` events arrived. */
async function readTasks(stream: ReadableStream<Uint8Array>, count: number): Promise<{ id: string; task: Record<string, any> }[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const events: { id: string; task: Record<string, any> }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, "m"))?.[1];
      if (field("event") === "task") events.push({ id: field("id")!, task: JSON.parse(field("data")!) });
    }
  }
  reader.releaseLock();
  return events;
}

describe("the per-user notification stream", () => {
  it("tells a member about their own tasks finishing after it opened, and nobody else's", async () => {
    finish(openTask().id, "Before the page loaded");
    const stop = new AbortController();
    const stream = openUserEventStream(ada.id, stop.signal, { recheckMs: 60_000 });
    const ben = createUser({ name: "Ben" });
    finish(openTask(ben).id, "Ben's song");
    const mine = openTask();
    finish(mine.id, "Mine");
    const failed = openTask();
    failOpenTask(failed.id, { code: "quota", message: "Not enough credit.", vendorMessage: null }, { now: new Date() });
    const events = await readTasks(stream, 2);
    stop.abort();
    expect(events.map((e) => [e.task.id, e.task.status])).toEqual([
      [mine.id, "succeeded"],
      [failed.id, "failed"],
    ]);
    expect(events[0].task.clips[0].title).toBe("Mine");
    expect(events[1].task.error.code).toBe("quota");
    expect(Number(events[1].id)).toBeGreaterThan(Number(events[0].id));
  });

  it("resumes from Last-Event-ID with what was missed while disconnected", async () => {
    const first = openTask();
    finish(first.id, "Heard");
    const stop = new AbortController();
    const [seen] = await readTasks(openUserEventStream(ada.id, stop.signal, { lastEventId: "0" }), 1);
    expect(seen.task.id).toBe(first.id);
    stop.abort();
    const missed = openTask();
    finish(missed.id, "Missed");
    const again = new AbortController();
    const [next] = await readTasks(openUserEventStream(ada.id, again.signal, { lastEventId: seen.id }), 1);
    again.abort();
    expect(next.task.id).toBe(missed.id);
  });

  it(`admits at most ${MAX_FEEDS_PER_USER} streams per member, each tab's own`, () => {
    const admitted = Array.from({ length: MAX_FEEDS_PER_USER }, () => admitFeed(ada.id, () => {}));
    expect(admitted.every((a) => a.admitted)).toBe(true);
    expect(admitFeed(ada.id, () => {})).toEqual({ admitted: false, reason: "too_many" });
    const other = admitFeed(admin.id, () => {});
    expect(other.admitted).toBe(true);
    // A closed tab frees its slot.
    const [first, ...rest] = admitted;
    if (first.admitted) first.release();
    const again = admitFeed(ada.id, () => {});
    expect(again.admitted).toBe(true);
    for (const a of [again, other, ...rest]) if (a.admitted) a.release();
  });
});
