import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TaskDto } from "@/lib/dto";
import { generationBodySchema } from "@/lib/schemas/generate";
import { insertApiToken } from "@/lib/server/data/api-tokens";
import { taskListQuery, type TaskStatusFilter } from "@/lib/server/data/task-list";
import { getDb } from "@/lib/server/db/client";
import type { User } from "@/lib/server/db/schema";
import { newSecret, sha256Hex } from "@/lib/server/ids";
import { submitGeneration } from "@/lib/server/services/generate";
import { getReuseSettings } from "@/lib/server/services/task-history";
import { startNewapiSimulator, type Simulator } from "@/tests/simulators";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";
import { fastPoller, pollUntilDone, stopPollers, taskRow } from "./generate-support";

// The task history and Retry through their route handlers, with a bearer token per
// person, so the real access checks run: the list is the viewer's own (admins may ask
// for everyone's), filters and keyset pages hold together, and a retry sends a failed
// task's stored request again, as a new task, to the real (simulated) vendor.

const list = (await import("@/app/api/v1/tasks/route")).GET;
const retry = (await import("@/app/api/v1/tasks/[id]/retry/route")).POST;

type Person = User & { token: string };
let db: TestDb;
let newapi: Simulator;
let ann: Person;
let bob: Person;
let root: Person;

function withToken(user: User): Person {
  const token = newSecret("sl_");
  insertApiToken({ userId: user.id, name: "test", tokenHash: sha256Hex(token), hint: token.slice(-4) });
  return { ...user, token };
}

async function listAs(person: Person, query = ""): Promise<{ status: number; body: { items: TaskDto[]; nextCursor: string | null; error?: { code: string } } }> {
  const res = await list(new Request(`http://app.test/api/v1/tasks${query}`, { headers: { authorization: `Bearer ${person.token}` } }));
  return { status: res.status, body: await res.json() };
}

async function retryAs(person: Person, taskId: string, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${person.token}`, ...(key ? { "idempotency-key": key } : {}) };
  const res = await retry(new Request(`http://app.test/api/v1/tasks/${taskId}/retry`, { method: "POST", headers }), { params: Promise.resolve({ id: taskId }) });
  return { status: res.status, body: (await res.json()) as { task?: TaskDto; error?: { code: string; message: string } } };
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));

beforeAll(async () => {
  newapi = await startNewapiSimulator({ steps: { queuedMs: 20, streamingMs: 40 } });
  db = openTestDb({ NEWAPI_BASE_URL: newapi.url, NEWAPI_API_KEY: newapi.key });
  ann = withToken(createUser({ name: "Ann" }));
  bob = withToken(createUser({ name: "Bob" }));
  root = withToken(createUser({ name: "Root", role: "admin" }));
});
afterEach(async () => {
  newapi.control.reset();
  await stopPollers();
});
afterAll(async () => {
  await newapi.stop();
  db.cleanup();
});

describe("GET /api/v1/tasks", () => {
  it("lists only the viewer's own tasks, newest first, with their clips", async () => {
    const older = createTask(bob, { createdAt: at(1), request: { mode: "inspiration", description: "older", instrumental: false, model: "v4.5" } });
    const newer = createTask(bob, { createdAt: at(2), kind: "lyrics", request: { prompt: "rain" } });
    createClip(bob, { taskId: older.id, title: "Harbour" });
    createTask(ann, { createdAt: at(3) });

    const { status, body } = await listAs(bob);
    expect(status).toBe(200);
    expect(body.items.map((t) => t.id)).toEqual([newer.id, older.id]);
    expect(body.items[1].clips.map((c) => c.title)).toEqual(["Harbour"]);
    expect(body.items[1].request).toMatchObject({ description: "older" });
    expect(body.nextCursor).toBeNull();
  });

  it("filters by status (open meaning not finished yet), kind and provider", async () => {
    const me = withToken(createUser({ name: "Filterer" }));
    const failed = createTask(me, { createdAt: at(1), status: "failed", errorCode: "quota" });
    const queued = createTask(me, { createdAt: at(2), status: "queued", kind: "extend" });
    const running = createTask(me, { createdAt: at(3), status: "running", providerId: "newapi" });
    const done = createTask(me, { createdAt: at(4), kind: "lyrics" });

    const ids = async (query: string) => (await listAs(me, query)).body.items.map((t) => t.id);
    expect(await ids("?status=failed")).toEqual([failed.id]);
    expect(await ids("?status=open")).toEqual([running.id, queued.id]);
    expect(await ids("?kind=lyrics")).toEqual([done.id]);
    expect(await ids("?kind=extend&status=open")).toEqual([queued.id]);
    expect(await ids("?provider=newapi")).toEqual([running.id]);
    expect(await ids("?provider=demo&status=succeeded")).toEqual([done.id]);
    expect((await listAs(me, "?status=stuck")).status).toBe(400);
    expect((await listAs(me, "?kind=remix")).status).toBe(400);
  });

  it("pages with a keyset cursor: every task once, in order, even with equal timestamps", async () => {
    const me = withToken(createUser({ name: "Pager" }));
    const made = [1, 2, 2, 2, 3, 4, 5].map((minute) => createTask(me, { createdAt: at(minute) }));
    const expected = [...made].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((t) => t.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: Awaited<ReturnType<typeof listAs>> = await listAs(me, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...body.items.map((t) => t.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
    expect((await listAs(me, "?cursor=not-a-cursor!")).status).toBe(400);
  });

  it("gives admins everyone's tasks with scope=all, and members a 403 for asking", async () => {
    const mine = createTask(ann, { createdAt: at(50), status: "failed" });
    const theirs = createTask(bob, { createdAt: at(51), status: "failed" });
    const { status, body } = await listAs(root, "?scope=all&status=failed");
    expect(status).toBe(200);
    expect(body.items.map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(body.items.find((t) => t.id === theirs.id)?.owner.name).toBe("Bob");
    expect((await listAs(root)).body.items).toEqual([]);

    const refused = await listAs(ann, "?scope=all");
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("forbidden");
  });

  it("shows an admin a member's task without the member's private clips", async () => {
    const task = createTask(bob, { createdAt: at(55) });
    createClip(bob, { taskId: task.id, title: "Shared", visibility: "team" });
    createClip(bob, { taskId: task.id, title: "Secret", visibility: "private" });
    const seen = (await listAs(root, "?scope=all")).body.items.find((t) => t.id === task.id);
    expect(seen?.clips.map((c) => c.title)).toEqual(["Shared"]);
    expect(
      (await listAs(bob)).body.items
        .find((t) => t.id === task.id)
        ?.clips.map((c) => c.title)
        .sort(),
    ).toEqual(["Secret", "Shared"]);
  });
});

describe("the history's query plans (PERF-1)", () => {
  const plan = (ownerId: string | null, status?: TaskStatusFilter, cursor?: string) => {
    const query = taskListQuery({ ownerId, status, kind: "music", provider: "demo", cursor, limit: 20 });
    return (getDb().$client.prepare(`EXPLAIN QUERY PLAN ${query.text}`).all(query.params) as { detail: string }[]).map((r) => r.detail).join(" | ");
  };
  const cursor = "MTc5NjMwMDAwMDAwMDphYmM";

  it("walks one index in order for every list but everyone's open tasks, and never sorts a page", () => {
    expect(plan(ann.id)).toBe("SEARCH t USING INDEX tasks_owner_created_idx (owner_id=?)");
    expect(plan(ann.id, undefined, cursor)).toBe("SEARCH t USING INDEX tasks_owner_created_idx (owner_id=? AND (created_at,id)<(?,?))");
    expect(plan(ann.id, "failed", cursor)).toBe("SEARCH t USING INDEX tasks_owner_status_created_idx (owner_id=? AND status=? AND (created_at,id)<(?,?))");
    expect(plan(ann.id, "open")).toBe("SEARCH t USING INDEX tasks_open_owner_idx (owner_id=?)");
    expect(plan(null)).toBe("SCAN t USING INDEX tasks_created_idx");
    expect(plan(null, "failed", cursor)).toBe("SEARCH t USING INDEX tasks_status_created_idx (status=? AND (created_at,id)<(?,?))");
    // Everyone's open tasks are the few in flight: found per status, then sorted.
    expect(plan(null, "open")).toContain("tasks_status_created_idx");
  });
});

describe("POST /api/v1/tasks/<id>/retry", () => {
  const body = generationBodySchema.parse({ provider: "newapi", mode: "custom", lyrics: "[Verse]\nlights on the water", style: "city pop", title: "Harbour" });

  async function failedAtVendor(owner: Person, poller = fastPoller()) {
    newapi.control.failNextTask();
    const { task } = await submitGeneration(owner, body, { idempotencyKey: `first-${Math.random()}` });
    const finished = await pollUntilDone(poller, task.id);
    expect(finished.status).toBe("failed");
    return finished;
  }

  it("sends a failed task's request again as a new task with a fresh key, and the vendor makes the song", async () => {
    const poller = fastPoller();
    const failed = await failedAtVendor(ann, poller);
    const submitsBefore = newapi.control.counts().submit;

    const { status, body: answer } = await retryAs(ann, failed.id);
    expect(status).toBe(202);
    const next = taskRow(answer.task!.id);
    expect(next.id).not.toBe(failed.id);
    expect(next.request).toEqual(failed.request);
    expect(next.providerId).toBe("newapi");
    expect(next.idempotencyKey).toBeTruthy();
    expect(next.idempotencyKey).not.toBe(failed.idempotencyKey);
    expect(newapi.control.counts().submit).toBe(submitsBefore + 1);
    expect((await pollUntilDone(poller, next.id)).status).toBe("succeeded");
    expect(taskRow(failed.id).status).toBe("failed");

    const history = (await listAs(ann, "?provider=newapi")).body.items.map((t) => t.id);
    expect(history.slice(0, 2)).toEqual([next.id, failed.id]);
  });

  it("answers a repeated Idempotency-Key with the same retry, calling the vendor once", async () => {
    const failed = await failedAtVendor(ann);
    const submitsBefore = newapi.control.counts().submit;
    const first = await retryAs(ann, failed.id, "retry-click");
    const second = await retryAs(ann, failed.id, "retry-click");
    expect(second.body.task?.id).toBe(first.body.task?.id);
    expect(newapi.control.counts().submit).toBe(submitsBefore + 1);
  });

  it("retries a failed extension with its source clip and where it continues", async () => {
    const source = createClip(ann, { providerId: "demo", duration: 120, title: "Source" });
    const failed = createTask(ann, {
      kind: "extend",
      status: "failed",
      sourceClipId: source.id,
      request: { mode: "custom", lyrics: "[Bridge]\nmore", style: "pop", title: "Source", instrumental: false, model: "v4.5", extend: { clipId: source.id, continueAt: 60 } },
    });
    const { status, body: answer } = await retryAs(ann, failed.id);
    expect(status).toBe(202);
    expect(answer.task?.kind).toBe("extend");
    expect(taskRow(answer.task!.id).request).toEqual(failed.request);
    expect(taskRow(answer.task!.id).sourceClipId).toBe(source.id);
  });

  it("retries written lyrics", async () => {
    const failed = createTask(ann, { kind: "lyrics", status: "failed", request: { prompt: "a lighthouse" } });
    const { status, body: answer } = await retryAs(ann, failed.id);
    expect(status).toBe(202);
    expect(answer.task).toMatchObject({ kind: "lyrics", request: { prompt: "a lighthouse" } });
  });

  it("is the owner's alone: another member gets 404, an admin 403, and nothing is sent", async () => {
    const failed = createTask(ann, { status: "failed", request: body });
    const before = newapi.control.counts().submit;
    const asBob = await retryAs(bob, failed.id);
    expect(asBob.status).toBe(404);
    expect((await retryAs(bob, "no-such-task")).status).toBe(404);
    expect((await retryAs(root, failed.id)).status).toBe(403);
    expect(newapi.control.counts().submit).toBe(before);
  });

  it("refuses a task that did not fail, and a kind that cannot be retried, with 409 and a clear message", async () => {
    for (const status of ["succeeded", "running", "queued"] as const) {
      const task = createTask(ann, { status, request: body });
      const answer = await retryAs(ann, task.id);
      expect(answer.status).toBe(409);
      expect(answer.body.error?.message).toBe("Only a failed task can be retried.");
    }
    const upload = createTask(ann, { kind: "upload", status: "failed", request: { clipId: "x" } });
    const answer = await retryAs(ann, upload.id);
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toBe("This kind of task cannot be retried.");
  });

  it("sends an operation on a clip through that operation again, with its own checks", async () => {
    // new-api's stems are documented but unconfirmed: off until an admin switches them on.
    const clip = createClip(ann, { providerId: "newapi" });
    const stems = createTask(ann, { kind: "stems", providerId: "newapi", status: "failed", request: { clipId: clip.id } });
    const before = newapi.control.counts().submit;
    const answer = await retryAs(ann, stems.id);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("bad_request");
    expect(newapi.control.counts().submit).toBe(before);

    const gone = createTask(ann, { kind: "wav", status: "failed", request: { clipId: "no-such-clip" } });
    expect((await retryAs(ann, gone.id)).status).toBe(404);
  });
});

describe("Reuse settings", () => {
  const request = { mode: "custom", lyrics: "[Verse]\nhello", style: "folk", negativeStyle: "metal", title: "Hello", instrumental: false, model: "v4.5" };

  it("gives the owner, an admin, and a teammate who can see one of its clips the task's settings; anyone else nothing", () => {
    const task = createTask(ann, { request });
    const settings = { taskId: task.id, provider: "demo", mode: "custom", lyrics: "[Verse]\nhello", style: "folk", negativeStyle: "metal", title: "Hello", instrumental: false };
    expect(getReuseSettings(ann, task.id)).toMatchObject({ ...settings, model: "v4.5" });
    expect(getReuseSettings(root, task.id)).toMatchObject(settings);
    expect(getReuseSettings(bob, task.id)).toBeNull();

    createClip(ann, { taskId: task.id, visibility: "private" });
    expect(getReuseSettings(bob, task.id)).toBeNull();
    createClip(ann, { taskId: task.id, visibility: "team" });
    expect(getReuseSettings(bob, task.id)).toMatchObject(settings);
  });

  it("has nothing to reuse from lyrics or clip operations", () => {
    expect(getReuseSettings(ann, createTask(ann, { kind: "lyrics", request: { prompt: "x" } }).id)).toBeNull();
    expect(getReuseSettings(ann, createTask(ann, { kind: "wav", request: { clipId: "x" } }).id)).toBeNull();
  });
});
