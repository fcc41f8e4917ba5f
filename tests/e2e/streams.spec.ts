import crypto from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { MAX_STREAMS_PER_TASK, MAX_STREAMS_PER_USER } from "../../lib/server/services/stream-registry";
import { account, createToken, createUser, signedInPage, startApp, type RunningApp } from "./fixtures";

// REL-11: task event streams are tracked, capped per user and per task, re-check the
// token or session as they go, and SIGTERM closes them so the server exits promptly.

/** A task that stays queued: the poller has nothing to ask a vendor about it. */
function seedOpenTask(app: RunningApp, email: string): string {
  const db = new Database(path.join(app.dataDir, "songloft.db"));
  try {
    const owner = db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: string };
    const id = crypto.randomBytes(16).toString("base64url");
    db.prepare("INSERT INTO tasks (id, owner_id, provider_id, kind, request, status, created_at, poll_count) VALUES (?, ?, 'demo', 'music', '{}', 'queued', ?, 0)").run(
      id,
      owner.id,
      Date.now(),
    );
    return id;
  } finally {
    db.close();
  }
}

interface OpenStream {
  status: number;
  retryAfter: string | null;
  /** Resolves with the first task event (streams that were refused never get one). */
  firstEvent: Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

async function openStream(app: RunningApp, taskId: string, headers: Record<string, string>): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(`${app.url}/api/v1/tasks/${taskId}/events`, { headers, signal: abort.signal });
  let gotEvent: (text: string) => void = () => undefined;
  const firstEvent = new Promise<string>((resolve) => (gotEvent = resolve));
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let text = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        if (text.includes("event: task")) gotEvent(text);
      }
    } catch {
      // aborted by this side
    }
  })();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), firstEvent, ended, close: () => abort.abort() };
}

/** Fails with `what` unless the promise settles within `ms` (a stream that never ends would hang the test). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

test.describe("open event streams", () => {
  let app: RunningApp;
  const owner = account("owner");
  let token: string;
  test.beforeAll(async () => {
    app = await startApp();
    createUser(app, owner, "admin");
    token = createToken(app, owner.email);
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("are capped per task and per user with 429, and a closed one frees its place", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const first = seedOpenTask(app, owner.email);
    const open: OpenStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_TASK; i++) open.push(await openStream(app, first, auth));
    expect(open.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_TASK).fill(200));
    const overTask = await openStream(app, first, auth);
    expect(overTask.status).toBe(429);

    while (open.length < MAX_STREAMS_PER_USER) {
      const task = seedOpenTask(app, owner.email);
      for (let i = 0; i < MAX_STREAMS_PER_TASK && open.length < MAX_STREAMS_PER_USER; i++) open.push(await openStream(app, task, auth));
    }
    expect(open.every((s) => s.status === 200)).toBe(true);
    const spare = seedOpenTask(app, owner.email);
    const overUser = await openStream(app, spare, auth);
    expect(overUser.status).toBe(429);
    expect(Number(overUser.retryAfter)).toBeGreaterThan(0);

    const closing = open.pop()!;
    closing.close();
    await closing.ended;
    await expect
      .poll(async () => {
        const retry = await openStream(app, spare, auth);
        if (retry.status === 200) open.push(retry);
        return retry.status;
      })
      .toBe(200);
    for (const s of open) s.close();
  });

  test("end when the token behind them is revoked", async ({ browser }) => {
    const member = account("member");
    createUser(app, member);
    const page = await signedInPage(browser, app, member);
    await page.goto(`${app.url}/settings`);
    await page.getByLabel("Token name").fill("watcher");
    await page.getByRole("button", { name: "Create token" }).click();
    const memberToken = await page.getByTestId("new-token").inputValue();
    const stream = await openStream(app, seedOpenTask(app, member.email), { authorization: `Bearer ${memberToken}` });
    expect(stream.status).toBe(200);
    await stream.firstEvent;

    await page.reload();
    await page.getByTestId("tokens-table").getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("No tokens yet.")).toBeVisible();
    await within(stream.ended, 20_000, "the revoked token's stream ending");
  });

  test("end when the session behind them is ended by a password change elsewhere", async ({ browser }) => {
    const member = account("member");
    createUser(app, member);
    const watching = await signedInPage(browser, app, member);
    const cookie = (await watching.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const stream = await openStream(app, seedOpenTask(app, member.email), { cookie });
    expect(stream.status).toBe(200);
    await stream.firstEvent;

    const elsewhere = await signedInPage(browser, app, member);
    await elsewhere.goto(`${app.url}/settings`);
    await elsewhere.getByLabel("Current password").fill(member.password);
    await elsewhere.getByLabel("New password", { exact: true }).fill(`${member.password} v2`);
    await elsewhere.getByLabel("Confirm new password").fill(`${member.password} v2`);
    await elsewhere.getByRole("button", { name: "Change password" }).click();
    await expect(elsewhere.getByText(/^Password changed\./)).toBeVisible();
    await within(stream.ended, 20_000, "the ended session's stream ending");
  });
});

test.describe("SIGTERM", () => {
  test("closes open event streams and the server exits within 10 s", async () => {
    const app = await startApp();
    try {
      const owner = account("owner");
      createUser(app, owner);
      const auth = { authorization: `Bearer ${createToken(app, owner.email)}` };
      const streams = await Promise.all([1, 2, 3].map(() => openStream(app, seedOpenTask(app, owner.email), auth)));
      expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
      await Promise.all(streams.map((s) => s.firstEvent));

      const exited = new Promise<void>((resolve) => app.process.once("exit", () => resolve()));
      app.process.kill("SIGTERM");
      await within(exited, 10_000, "the server exiting after SIGTERM");
      await within(Promise.all(streams.map((s) => s.ended)), 1_000, "every stream ending");
    } finally {
      await app.stop("SIGKILL");
    }
  });
});
