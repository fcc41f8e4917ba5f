import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertApiToken } from "@/lib/server/data/api-tokens";
import type { User } from "@/lib/server/db/schema";
import { newSecret, sha256Hex } from "@/lib/server/ids";
import { MAX_FEEDS_PER_USER } from "@/lib/server/services/stream-registry";
import { createUser, openTestDb, type TestDb } from "../support/db";

// The webhooks API and the notification stream through their route handlers, with a
// bearer token per person, so the real access checks run: admins only, strict bodies
// with per-field errors, the secret shown once, and the stream capped per member.

const collection = await import("@/app/api/v1/webhooks/route");
const item = await import("@/app/api/v1/webhooks/[id]/route");
const events = (await import("@/app/api/v1/me/events/route")).GET;

type Person = User & { token: string };
let db: TestDb;
let root: Person;
let ann: Person;

function withToken(user: User, readOnly = false): Person {
  const token = newSecret("sl_");
  insertApiToken({ userId: user.id, name: "test", tokenHash: sha256Hex(token), hint: token.slice(-4), readOnly });
  return { ...user, token };
}

const auth = (p: Person) => ({ authorization: `Bearer ${p.token}` });
const json = (p: Person) => ({ ...auth(p), "content-type": "application/json" });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function create(p: Person, body: unknown) {
  const res = await collection.POST(new Request("http://app.test/api/v1/webhooks", { method: "POST", headers: json(p), body: JSON.stringify(body) }));
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(() => {
  db = openTestDb({ WEBHOOK_ALLOWED_HOSTS: "" });
  root = withToken(createUser({ name: "Root", role: "admin" }));
  ann = withToken(createUser({ name: "Ann" }));
});
afterAll(() => db.cleanup());

describe("/api/v1/webhooks", () => {
  it("lets an admin add one (the secret comes back once), list, change and delete it", async () => {
    const made = await create(root, { name: "Chat", url: "https://93.184.215.14/hook", format: "slack" });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    expect(made.body.webhook).toMatchObject({ name: "Chat", format: "slack", events: ["task.succeeded", "task.failed"], enabled: true, deliveries: [] });
    const id = made.body.webhook.id as string;

    const listed = await collection.GET(new Request("http://app.test/api/v1/webhooks", { headers: auth(root) }));
    const text = await listed.text();
    expect(JSON.parse(text).items.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(text).not.toContain(made.body.secret);

    const patched = await item.PATCH(
      new Request(`http://app.test/api/v1/webhooks/${id}`, { method: "PATCH", headers: json(root), body: JSON.stringify({ enabled: false, events: ["task.failed"] }) }),
      ctx(id),
    );
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Record<string, any>).webhook).toMatchObject({ enabled: false, events: ["task.failed"] });

    const gone = await item.DELETE(new Request(`http://app.test/api/v1/webhooks/${id}`, { method: "DELETE", headers: auth(root) }), ctx(id));
    expect(gone.status).toBe(204);
    const again = await item.DELETE(new Request(`http://app.test/api/v1/webhooks/${id}`, { method: "DELETE", headers: auth(root) }), ctx(id));
    expect(again.status).toBe(404);
  });

  it("answers field errors for a bad body, unknown fields included, and refuses a private address", async () => {
    const bad = await create(root, { name: "", url: "ftp://x", format: "xml", events: [], secret: "mine" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual({
      name: ["nameRequired"],
      url: ["urlInvalid"],
      format: ["formatInvalid"],
      events: ["eventsRequired"],
      secret: ["unknownField"],
    });
    const loopback = await create(root, { name: "Local", url: "http://localhost:8080/hook", format: "standard" });
    expect(loopback.status).toBe(400);
    expect(loopback.body.error.details).toEqual({ url: ["urlPrivate"] });
    const metadata = await create(root, { name: "Cloud", url: "http://169.254.169.254/latest", format: "standard" });
    expect(metadata.body.error.details).toEqual({ url: ["urlPrivate"] });
  });

  it("is for admins only, and a read-only token cannot change anything", async () => {
    expect((await create(ann, { name: "Mine", url: "https://93.184.215.14/", format: "slack" })).status).toBe(403);
    expect((await collection.GET(new Request("http://app.test/api/v1/webhooks", { headers: auth(ann) }))).status).toBe(403);
    const reader = withToken(createUser({ name: "Reader", role: "admin" }), true);
    expect((await create(reader, { name: "RO", url: "https://93.184.215.14/", format: "slack" })).status).toBe(403);
    expect((await collection.GET(new Request("http://app.test/api/v1/webhooks"))).status).toBe(401);
  });
});

describe("/api/v1/me/events", () => {
  it(`streams with SSE headers, and answers 429 past ${MAX_FEEDS_PER_USER} open streams for one member`, async () => {
    const open: AbortController[] = [];
    for (let i = 0; i < MAX_FEEDS_PER_USER; i++) {
      const stop = new AbortController();
      const res = await events(new Request("http://app.test/api/v1/me/events", { headers: auth(ann), signal: stop.signal }));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      // Drain the first event so the stream is really running.
      const reader = res.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^retry: 3000\nid: \d+\nevent: ready\n/);
      reader.releaseLock();
      open.push(stop);
    }
    const refused = await events(new Request("http://app.test/api/v1/me/events", { headers: auth(ann) }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    for (const stop of open) stop.abort();
    const after = new AbortController();
    const res = await events(new Request("http://app.test/api/v1/me/events", { headers: auth(ann), signal: after.signal }));
    expect(res.status).toBe(200);
    after.abort();
    expect((await events(new Request("http://app.test/api/v1/me/events"))).status).toBe(401);
  });
});
