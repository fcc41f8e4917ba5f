import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { OPEN_TASK_STATUSES } from "../../lib/domain";
import { MAX_PER_ADDRESS } from "../../lib/server/auth/throttle";
import { MAX_UPLOAD_BYTES } from "../../lib/server/services/uploads";
import { openStream, request, startCaddy, startNginx, type RunningProxy } from "../support/reverse-proxy";
import { account, createToken, createUser, startApp, type RunningApp } from "./fixtures";
import { CreatePage } from "./pages/create-page";
import { LoginPage } from "./pages/login-page";

// docs/deploy.md, tested: Debian's nginx runs the guide's site (docs/deploy/nginx.conf
// and its locations file, verbatim but for ports and certificate paths) over TLS in
// front of the production server started with TRUST_PROXY=1, as the guide says.

test.describe.configure({ mode: "serial" });

interface TaskJson {
  id: string;
  status: string;
  clips: { id: string; audioUrl: string | null }[];
}

type Outcome = "ok" | "invalid" | "throttled" | "busy";

let app: RunningApp;
let nginx: RunningProxy;
const member = account("member");
let token: string;

test.beforeAll(async () => {
  app = await startApp({ env: { TRUST_PROXY: "1" } });
  nginx = await startNginx(app.port);
  createUser(app, account("admin"), "admin");
  createUser(app, member);
  token = createToken(app, member.email);
});

test.afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
});

const bearer = () => ({ authorization: `Bearer ${token}` });

async function startSong(proxy: RunningProxy): Promise<TaskJson> {
  const res = await request(proxy, `${proxy.url}/api/v1/generations`, {
    method: "POST",
    headers: { ...bearer(), "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
    body: JSON.stringify({ mode: "inspiration", description: "a song about a harbour at dawn", model: "v4.5" }),
  });
  expect(res.status, res.body.toString()).toBe(202);
  return (JSON.parse(res.body.toString()) as { task: TaskJson }).task;
}

async function getTask(proxy: RunningProxy, id: string): Promise<TaskJson> {
  const res = await request(proxy, `${proxy.url}/api/v1/tasks/${id}`, { headers: bearer() });
  expect(res.status).toBe(200);
  return (JSON.parse(res.body.toString()) as { task: TaskJson }).task;
}

/**
 * Follows a new song's event stream through the proxy. A buffering proxy would hold the
 * events back until the stream ends with the finished song; here, when the first event
 * reaches the client, the task (asked separately) must still be open.
 */
async function followSongThrough(proxy: RunningProxy) {
  const task = await startSong(proxy);
  const stream = await openStream(proxy, `${proxy.url}/api/v1/tasks/${task.id}/events`, { ...bearer(), accept: "text/event-stream" });
  expect(stream.status).toBe(200);
  expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
  const statuses: string[] = [];
  let statusWhenFirstArrived: string | undefined;
  let text = "";
  for await (const chunk of stream.chunks) {
    text += chunk.toString("utf8");
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const data = /^event: task\ndata: (.*)$/m.exec(block);
      if (!data) continue;
      statuses.push((JSON.parse(data[1]) as TaskJson).status);
      if (statusWhenFirstArrived === undefined) statusWhenFirstArrived = (await getTask(proxy, task.id)).status;
    }
  }
  return { task, statuses, statusWhenFirstArrived };
}

/** A sign-in through Auth.js's own endpoint, from the given loopback address, as a script would do it. */
async function signInThrough(target: { url: string; ca?: Buffer }, email: string, password: string, from: { localAddress?: string; forwardedFor?: string } = {}): Promise<Outcome> {
  const base = target.url;
  const headers: Record<string, string> = from.forwardedFor ? { "x-forwarded-for": from.forwardedFor } : {};
  const csrf = await request(target, `${base}/api/auth/csrf`, { headers, localAddress: from.localAddress });
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken: string };
  const cookie = ([] as string[])
    .concat(csrf.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await request(target, `${base}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress: from.localAddress,
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }).toString(),
  });
  if (res.status === 429) return /right now/.test(res.body.toString()) ? "busy" : "throttled";
  expect(res.status, res.body.toString()).toBe(302);
  const location = new URL(String(res.headers.location), base);
  if (location.searchParams.get("code") === "throttled") return "throttled";
  return location.searchParams.has("error") ? "invalid" : "ok";
}

/** Runs `count` jobs two at a time (the server hashes a few passwords at once; more would be turned away as busy). */
async function twoAtATime<T>(count: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await job(i);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const forgedAddress = () => `198.51.100.${crypto.randomInt(1, 255)}`;

/** A multipart upload of an "MP3" (an ID3 header, then silence) of `size` bytes. */
function uploadBody(size: number) {
  const boundary = `songloft${crypto.randomBytes(8).toString("hex")}`;
  const file = Buffer.alloc(size);
  file.write("ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000", 0, "latin1");
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { ...bearer(), "content-type": `multipart/form-data; boundary=${boundary}` } };
}

test("a member signs in through nginx over HTTPS, makes a song that finishes on screen, plays it, and plain HTTP is sent to HTTPS", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: nginx.url, ignoreHTTPSErrors: true, locale: "en-US" });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(member);
  // Auth.js saw https (X-Forwarded-Proto), so the session cookie is the __Secure- one, never sent over plain HTTP.
  const session = (await context.cookies()).find((c) => c.name === "__Secure-authjs.session-token");
  expect(session).toMatchObject({ secure: true, httpOnly: true });

  // The form is a server action (its Origin check needs the forwarded host), the card
  // follows the task's event stream, and the audio comes from /media through nginx.
  const create = new CreatePage(page);
  await create.goto();
  await create.submitDescription("A song about a lighthouse keeper's night shift");
  await expect(create.status(create.firstCard)).toHaveAttribute("data-status", /submitting|queued|running/);
  await expect(create.status(create.firstCard)).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  expect(await create.playAndMeasure(create.firstCard.getByTestId("clip-audio").first())).toBeGreaterThan(0);

  await page.goto("/library");
  await expect(page.getByTestId("current-user")).toHaveText(member.name);
  await context.close();

  const plain = await request(nginx, `${nginx.httpUrl}/library?view=all`);
  expect(plain.status).toBe(301);
  expect(plain.headers.location).toBe("https://127.0.0.1/library?view=all");
});

test("a song's event stream comes through nginx as it happens, not when the song is done", async () => {
  const { statuses, statusWhenFirstArrived } = await followSongThrough(nginx);
  expect(OPEN_TASK_STATUSES).toContain(statusWhenFirstArrived);
  expect(OPEN_TASK_STATUSES).toContain(statuses[0]);
  expect(statuses.at(-1)).toBe("succeeded");
});

test("Range requests on a song's audio get 206 and exactly those bytes through nginx", async () => {
  const song = await followSongThrough(nginx);
  const clip = (await getTask(nginx, song.task.id)).clips[0];
  expect(clip.audioUrl).toBeTruthy();
  const audioUrl = new URL(clip.audioUrl!, nginx.url).href;
  const whole = await request(nginx, audioUrl, { headers: bearer() });
  expect(whole.status).toBe(200);
  expect(whole.body.length).toBeGreaterThan(4096);
  const part = await request(nginx, audioUrl, { headers: { ...bearer(), range: "bytes=1000-2999" } });
  expect(part.status).toBe(206);
  expect(part.headers["content-range"]).toBe(`bytes 1000-2999/${whole.body.length}`);
  expect(part.body.equals(whole.body.subarray(1000, 3000))).toBe(true);
  const tail = await request(nginx, audioUrl, { headers: { ...bearer(), range: "bytes=-100" } });
  expect(tail.status).toBe(206);
  expect(tail.body.equals(whole.body.subarray(whole.body.length - 100))).toBe(true);
});

test("an upload at the 20 MiB limit passes nginx; larger bodies are refused with 413 before they reach the app", async () => {
  const largest = uploadBody(MAX_UPLOAD_BYTES);
  const accepted = await request(nginx, `${nginx.url}/api/v1/uploads`, { method: "POST", ...largest });
  expect(accepted.status, accepted.body.toString()).toBe(201);
  expect((JSON.parse(accepted.body.toString()) as { upload: { size: number } }).upload.size).toBe(MAX_UPLOAD_BYTES);

  const tooLarge = uploadBody(MAX_UPLOAD_BYTES + 2 * 1024 * 1024);
  const refused = await request(nginx, `${nginx.url}/api/v1/uploads`, { method: "POST", ...tooLarge });
  expect(refused.status).toBe(413);

  // Every other body the app takes is at most 64 KiB.
  const bigJson = await request(nginx, `${nginx.url}/api/v1/generations`, {
    method: "POST",
    headers: { ...bearer(), "content-type": "application/json" },
    body: JSON.stringify({ mode: "inspiration", description: "x".repeat(200 * 1024), model: "v4.5" }),
  });
  expect(bigJson.status).toBe(413);
});

test.describe("X-Forwarded-For is honoured only as configured", () => {
  test.setTimeout(240_000);
  let direct: RunningApp;
  test.afterAll(async () => {
    await direct?.stop();
  });

  test("through nginx with TRUST_PROXY=1, a forged X-Forwarded-For buys no fresh attempts, and another client keeps its own", async () => {
    // A full window of failed sign-ins from 127.0.0.1, each claiming another address.
    const failures = await twoAtATime(MAX_PER_ADDRESS, (i) =>
      signInThrough(nginx, `nobody${i}@example.test`, "not a member", { localAddress: "127.0.0.1", forwardedFor: forgedAddress() }),
    );
    expect(failures.every((f) => f === "invalid")).toBe(true);
    expect(await signInThrough(nginx, member.email, member.password, { localAddress: "127.0.0.1", forwardedFor: forgedAddress() })).toBe("throttled");
    // The app counts the address nginx saw, not nginx's own: a client at 127.0.0.2 is not held back.
    expect(await signInThrough(nginx, member.email, member.password, { localAddress: "127.0.0.2" })).toBe("ok");
  });

  test("straight to an app without TRUST_PROXY, the header is ignored and the socket's address counts", async () => {
    direct = await startApp();
    const user = account("direct");
    createUser(direct, user);
    const failures = await twoAtATime(MAX_PER_ADDRESS, (i) =>
      signInThrough(direct, `nobody${i}@example.test`, "not a member", { localAddress: "127.0.0.2", forwardedFor: forgedAddress() }),
    );
    expect(failures.every((f) => f === "invalid")).toBe(true);
    expect(await signInThrough(direct, user.email, user.password, { localAddress: "127.0.0.2", forwardedFor: "127.0.0.3" })).toBe("throttled");
    expect(await signInThrough(direct, user.email, user.password, { localAddress: "127.0.0.3" })).toBe("ok");
  });
});

test.describe("Caddy with docs/deploy/Caddyfile", () => {
  let caddy: RunningProxy;
  test.beforeAll(async () => {
    caddy = await startCaddy(app.port);
  });
  test.afterAll(async () => {
    await caddy?.stop();
  });

  test("passes a song's events on as they happen and holds uploads to the limit", async () => {
    const { statuses, statusWhenFirstArrived } = await followSongThrough(caddy);
    expect(OPEN_TASK_STATUSES).toContain(statusWhenFirstArrived);
    expect(statuses.at(-1)).toBe("succeeded");

    const accepted = await request(caddy, `${caddy.url}/api/v1/uploads`, { method: "POST", ...uploadBody(MAX_UPLOAD_BYTES) });
    expect(accepted.status, accepted.body.toString()).toBe(201);
    const refused = await request(caddy, `${caddy.url}/api/v1/uploads`, { method: "POST", ...uploadBody(MAX_UPLOAD_BYTES + 2 * 1024 * 1024) });
    expect(refused.status).toBe(413);
  });
});
