import http from "node:http";
import { rssMiB, streamUpload } from "../support/big-body";
import { actionId, createToken, expect, test, type RunningApp } from "./fixtures";

// SEC-13: every endpoint that takes a body bounds it while it streams in, and a
// request refused for auth is refused before its body is read. Each probe streams
// 400 MB of chunked body at the production server and reads the server's resident
// memory (the `next start` process) before and after.

const MB = 1024 * 1024;
const HOSTILE = 400 * MB;
const MAX_GROWTH_MIB = 50;

// The probes below reach the file's server through these.
let app: RunningApp;
let token: string;

test.describe.configure({ mode: "serial" });
test.use({ appEnv: {} });

test.beforeAll(({ app: running, admin: uploader }) => {
  app = running;
  token = createToken(app, uploader.email);
});

async function probe(route: string, headers: Record<string, string>) {
  const pid = app.process.pid!;
  const before = rssMiB(pid);
  const result = await streamUpload(app.url + route, HOSTILE, headers);
  const growth = rssMiB(pid) - before;
  return { ...result, growth };
}

const probes: { name: string; route: () => string; headers: () => Record<string, string>; status: number }[] = [
  { name: "a callback with a wrong secret", route: () => `/api/webhooks/demo/${"A".repeat(43)}`, headers: () => ({}), status: 401 },
  { name: "the Auth.js sign-in callback", route: () => "/api/auth/callback/credentials", headers: () => ({ "content-type": "application/x-www-form-urlencoded" }), status: 413 },
  {
    name: "a JSON API call with a valid token",
    route: () => "/api/v1/generations",
    headers: () => ({ authorization: `Bearer ${token}`, "idempotency-key": "hostile-body" }),
    status: 413,
  },
  {
    // Uploads may be 20 MiB, so up to that much is read before the refusal.
    name: "an audio upload (multipart)",
    route: () => "/api/v1/uploads",
    headers: () => ({ authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=HostileBoundary" }),
    status: 413,
  },
  {
    name: "a server action (the sign-in form)",
    route: () => "/login",
    headers: () => ({ "next-action": actionId("loginAction"), accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" }),
    // Next.js cuts the body off at serverActions.bodySizeLimit but still answers 500
    // (a TODO in its action handler); what matters here is that it stops reading.
    status: 500,
  },
];

for (const p of probes) {
  test(`400 MB streamed at ${p.name} is refused early and leaves memory flat`, async () => {
    const result = await probe(p.route(), p.headers());
    test.info().annotations.push({ type: "probe", description: `${p.name}: ${result.status}, ${(result.sent / MB).toFixed(1)} MiB sent, RSS +${result.growth.toFixed(1)} MiB` });
    expect(result.status).toBe(p.status);
    expect(result.sent).toBeLessThan(HOSTILE);
    expect(result.growth).toBeLessThan(MAX_GROWTH_MIB);
  });
}

test("a declared length over the limit is refused before the body is sent", async () => {
  for (const [route, headers] of [
    ["/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }],
    ["/api/v1/generations", { authorization: `Bearer ${token}`, "idempotency-key": "declared-length", "content-type": "application/json" }],
    ["/api/v1/uploads", { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=DeclaredBoundary" }],
  ] as const) {
    // Only the headers go out; the server must answer without waiting for 400 MB.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(app.url + route, { method: "POST", headers: { ...headers, "content-length": String(HOSTILE) } });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status, route).toBe(413);
  }
});

test("a body within the limit still works", async () => {
  const res = await fetch(`${app.url}/api/v1/generations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": "small-body" },
    body: JSON.stringify({ provider: "demo", mode: "inspiration", description: "a short song about small parcels" }),
  });
  expect(res.status).toBe(202);
});
