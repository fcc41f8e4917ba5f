import { spawnSync } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lyricsBodySchema } from "@/lib/schemas/generate";
import { insertApiToken } from "@/lib/server/data/api-tokens";
import { getDb } from "@/lib/server/db/client";
import { providers, settings, users, type User } from "@/lib/server/db/schema";
import { newSecret, sha256Hex } from "@/lib/server/ids";
import { submitLyrics } from "@/lib/server/services/generate";
import { getQuotaStatus, quotaSpan } from "@/lib/server/services/quotas";
import { startNewapiSimulator, type Simulator } from "@/tests/simulators";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";
import { countTasks } from "./generate-support";

// Spending limits (REL-13) through the real route handlers, with a bearer token per
// person, against the new-api simulator over HTTP: what counts as a song, own limits
// over the team default, a 429 that leaves no task row and no vendor request, the
// last song going to exactly one of two racing requests, the admin API and the CLI.

const generations = (await import("@/app/api/v1/generations/route")).POST;
const myQuota = (await import("@/app/api/v1/me/quota/route")).GET;
const userQuota = (await import("@/app/api/v1/users/[id]/quota/route")).PUT;
const teamDefault = await import("@/app/api/v1/quota/default/route");
const retry = (await import("@/app/api/v1/tasks/[id]/retry/route")).POST;
const stems = (await import("@/app/api/v1/clips/[id]/stems/route")).POST;

type Person = User & { token: string };
let db: TestDb;
let newapi: Simulator;
let admin: Person;

function withToken(user: User): Person {
  const token = newSecret("sl_");
  insertApiToken({ userId: user.id, name: "test", tokenHash: sha256Hex(token), hint: token.slice(-4) });
  return { ...user, token };
}

const auth = (p: Person, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${p.token}`, "content-type": "application/json", ...extra });
const song = { provider: "newapi", mode: "custom", lyrics: "[Verse]\nlanterns on the pier", style: "folk" };

async function generate(p: Person, key?: string) {
  const res = await generations(
    new Request("http://app.test/api/v1/generations", { method: "POST", headers: auth(p, key ? { "idempotency-key": key } : {}), body: JSON.stringify(song) }),
  );
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { task?: { id: string }; error?: { code: string; message: string; details?: Record<string, unknown> } },
  };
}

async function putJson(handler: typeof userQuota, url: string, p: Person, body: unknown, params?: { id: string }) {
  const res = await handler(new Request(url, { method: "PUT", headers: auth(p), body: JSON.stringify(body) }), { params: Promise.resolve(params ?? { id: "" }) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const setOwn = (who: User, body: unknown) => putJson(userQuota, `http://app.test/api/v1/users/${who.id}/quota`, admin, body, { id: who.id });
const setDefault = (body: unknown, as = admin) => putJson(teamDefault.PUT as typeof userQuota, "http://app.test/api/v1/quota/default", as, body);

beforeAll(async () => {
  newapi = await startNewapiSimulator({ steps: { queuedMs: 60_000 } });
  db = openTestDb({ NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key });
  admin = withToken(createUser({ name: "Root", role: "admin" }));
});
beforeEach(() => {
  getDb().delete(settings).run();
  getDb().update(users).set({ quotaDaily: null, quotaMonthly: null }).run();
});
afterEach(() => newapi.control.reset());
afterAll(async () => {
  await newapi.stop();
  db.cleanup();
});

describe("what counts as a song", () => {
  it("counts every song-making task of the day and month except one the vendor never accepted, and nothing else", () => {
    const ann = createUser({ name: "Ann" });
    const now = new Date(Date.UTC(2026, 10, 15, 12));
    const today = new Date(Date.UTC(2026, 10, 15, 1));
    const earlierThisMonth = new Date(Date.UTC(2026, 10, 3, 9));
    for (const kind of ["music", "extend", "cover", "concat", "stems"] as const) createTask(ann, { kind, createdAt: today, vendorTaskId: `v-${kind}` });
    // Accepted, then failed by the vendor: still a song (it may have cost credits).
    createTask(ann, { kind: "music", status: "failed", vendorTaskId: "v-failed", createdAt: today });
    // Still being submitted: counts, or two requests could both take the last song.
    createTask(ann, { kind: "music", status: "submitting", createdAt: today });
    // Refused before a vendor task id: the vendor charged nothing.
    createTask(ann, { kind: "music", status: "failed", vendorTaskId: null, createdAt: today });
    for (const kind of ["lyrics", "wav", "video", "persona", "upload"] as const) createTask(ann, { kind, createdAt: today, vendorTaskId: `v-${kind}` });
    createTask(ann, { kind: "music", createdAt: earlierThisMonth, vendorTaskId: "v-early" });
    createTask(ann, { kind: "music", createdAt: new Date(Date.UTC(2026, 9, 31, 23, 59)), vendorTaskId: "v-last-month" });
    createTask(ann, { kind: "music", createdAt: new Date(Date.UTC(2026, 10, 14, 23, 59)), vendorTaskId: "v-yesterday" });
    createTask(createUser({ name: "Bob" }), { kind: "music", createdAt: today, vendorTaskId: "v-bob" });

    const status = getQuotaStatus(ann, now);
    expect(status.daily).toEqual({ limit: null, used: 7, resetsAt: "2026-11-16T00:00:00.000Z" });
    expect(status.monthly).toEqual({ limit: null, used: 9, resetsAt: "2026-12-01T00:00:00.000Z" });
  });

  it("resets at midnight UTC and on the first of the month", () => {
    const span = quotaSpan(new Date(Date.UTC(2026, 11, 31, 23, 30)));
    expect(span.dayEnd.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(span.monthEnd.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(span.monthStart.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});

describe("limits", () => {
  it("applies the team default to members without their own, and a member's own limit over it", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    const bob = withToken(createUser({ name: "Bob" }));
    expect((await setDefault({ daily: 3, monthly: 50 })).body).toEqual({ daily: 3, monthly: 50 });
    expect((await setOwn(ann, { daily: 10 })).body).toEqual({ userId: ann.id, own: { daily: 10, monthly: null }, effective: { daily: 10, monthly: 50 } });

    const read = async (p: Person) => (await myQuota(new Request("http://app.test/api/v1/me/quota", { headers: auth(p) }))).json();
    expect((await read(ann)).daily).toMatchObject({ limit: 10, used: 0 });
    expect((await read(bob)).daily).toMatchObject({ limit: 3, used: 0 });
    expect((await read(bob)).monthly).toMatchObject({ limit: 50, used: 0 });

    // null hands the period back to the team default; a default of null is unlimited.
    expect((await setOwn(ann, { daily: null })).body.effective).toEqual({ daily: 3, monthly: 50 });
    expect(await setDefault({ daily: null })).toMatchObject({ status: 200, body: { daily: null, monthly: 50 } });
    expect((await read(ann)).daily.limit).toBeNull();
    const got = await teamDefault.GET(new Request("http://app.test/api/v1/quota/default", { headers: auth(admin) }));
    expect(await got.json()).toEqual({ daily: null, monthly: 50 });
  });

  it("answers 429 quota_exceeded before any vendor request, writing no task row", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    await setOwn(ann, { daily: 1 });
    expect((await generate(ann)).status).toBe(202);
    expect(newapi.control.counts().submit).toBe(1);
    newapi.control.reset();
    const before = countTasks();

    const over = await generate(ann);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: "quota_exceeded", message: "You have used your 1 song for today; more tomorrow (00:00 UTC)." });
    const { dayEnd } = quotaSpan();
    expect(over.body.error?.details).toEqual({ period: "daily", limit: 1, used: 1, resetsAt: dayEnd.toISOString() });
    const retryAfter = Number(over.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(newapi.requests).toHaveLength(0);
    expect(countTasks()).toBe(before);
  });

  it("names the month when the monthly limit is the one reached", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    await setDefault({ monthly: 0 });
    const over = await generate(ann);
    expect(over.status).toBe(429);
    const { monthEnd } = quotaSpan();
    const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(monthEnd);
    expect(over.body.error?.message).toBe(`You have used your 0 songs for this month; more on ${day} (00:00 UTC).`);
    expect(over.body.error?.details).toMatchObject({ period: "monthly", limit: 0, used: 0 });
    expect(newapi.requests).toHaveLength(0);
  });

  it("gives the last song to exactly one of two requests sent at once", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    await setOwn(ann, { daily: 2 });
    expect((await generate(ann)).status).toBe(202);
    // The vendor answers slowly, so both requests are in flight together.
    newapi.control.inject("submit", { kind: "delay", ms: 300 }, 2);
    const before = countTasks();
    const both = await Promise.all([generate(ann, "race-a"), generate(ann, "race-b")]);
    expect(both.map((r) => r.status).sort()).toEqual([202, 429]);
    expect(countTasks()).toBe(before + 1);
    expect(newapi.control.counts().submit).toBe(2); // the first song and the winner
  });

  it("still answers a repeat of a used idempotency key at the limit with the same task", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    await setOwn(ann, { daily: 1 });
    const first = await generate(ann, "same-key");
    const again = await generate(ann, "same-key");
    expect(again.status).toBe(202);
    expect(again.body.task?.id).toBe(first.body.task?.id);
  });

  it("counts stems and a retry as songs, and lets lyrics through at a limit of zero", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    const clip = createClip(ann, { providerId: "newapi" });
    const failed = createTask(ann, { providerId: "newapi", status: "failed", request: song, vendorTaskId: null });
    await setOwn(ann, { daily: 0 });

    getDb()
      .update(providers)
      .set({ enabledCapabilities: ["stems"] })
      .where(eq(providers.id, "newapi"))
      .run();
    const split = await stems(new Request(`http://app.test/api/v1/clips/${clip.id}/stems`, { method: "POST", headers: auth(ann) }), { params: Promise.resolve({ id: clip.id }) });
    expect(split.status).toBe(429);
    const again = await retry(new Request(`http://app.test/api/v1/tasks/${failed.id}/retry`, { method: "POST", headers: auth(ann) }), {
      params: Promise.resolve({ id: failed.id }),
    });
    expect(again.status).toBe(429);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("quota_exceeded");

    const lyrics = await submitLyrics(ann, lyricsBodySchema.parse({ provider: "newapi", prompt: "a song about the sea" }));
    expect(lyrics.task.kind).toBe("lyrics");
    expect(newapi.control.counts().lyrics).toBe(1);
    expect(newapi.control.counts().submit).toBe(0);
  });
});

describe("the admin API", () => {
  it("is for admins only, refuses unknown fields and bad numbers, and 404s an unknown member", async () => {
    const ann = withToken(createUser({ name: "Ann" }));
    const asMember = await putJson(userQuota, `http://app.test/api/v1/users/${ann.id}/quota`, ann, { daily: 100 }, { id: ann.id });
    expect(asMember.status).toBe(403);
    expect((await setDefault({ daily: 100 }, ann)).status).toBe(403);
    expect((await teamDefault.GET(new Request("http://app.test/api/v1/quota/default", { headers: auth(ann) }))).status).toBe(403);
    expect((await setOwn(ann, { daily: 5, weekly: 3 })).status).toBe(400);
    expect((await setOwn(ann, { daily: -1 })).status).toBe(400);
    expect((await setOwn(ann, { daily: 2.5 })).status).toBe(400);
    expect((await setOwn(ann, { daily: "5" })).status).toBe(400);
    const missing = await putJson(userQuota, "http://app.test/api/v1/users/nobody/quota", admin, { daily: 1 }, { id: "nobody" });
    expect(missing.status).toBe(404);
    expect(getDb().select().from(users).where(eq(users.id, ann.id)).get()?.quotaDaily).toBeNull();
  });
});

describe("npm run cli", () => {
  const cli = (...args: string[]) => {
    const root = path.resolve(__dirname, "..", "..");
    const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["lib/cli/index.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: db.dataDir, SONGLOFT_LOG: "silent" },
      encoding: "utf8",
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  // Four real processes: slow on a busy machine, hence the long timeout.
  it("sets a member's limits and the team default, and clears them with none", { timeout: 120_000 }, () => {
    const ann = createUser({ name: "Ann" });
    expect(cli("quota:default", "--daily", "4", "--monthly", "40")).toMatchObject({ code: 0, out: "Team default: daily 4 songs, monthly 40 songs.\n" });
    const set = cli("users:quota", "--email", ann.email, "--daily", "9");
    expect(set.code).toBe(0);
    expect(set.out).toContain("daily 9 songs (now 9 songs), monthly team default (now 40 songs)");
    expect(getQuotaStatus(ann).daily.limit).toBe(9);
    expect(cli("users:quota", "--email", ann.email, "--daily", "none").code).toBe(0);
    expect(getQuotaStatus(ann).daily.limit).toBe(4);
    const bad = cli("users:quota", "--email", ann.email, "--daily", "lots");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Invalid --daily: lots");
  });
});
