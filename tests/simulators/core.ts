import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerWithFault, sendJson, sendTruncated } from "./faults";
import { errorFixture, type FixtureDir } from "./fixtures";
import { makeMp4, makePng, makeWav } from "./media";
import { TaskStore, type SimTask } from "./tasks";
import type { CallbackDelivery, Fault, ProtocolHandler, SimContext, SimCounts, SimProtocol, SimRequest, SimRoute, Simulator, SimulatorControl, SimulatorOptions } from "./types";

// The HTTP half shared by the three vendor simulators: a real node:http server on
// 127.0.0.1 that checks the bearer key, logs and counts every request, applies
// injected faults, serves clip media, and POSTs callbacks when tasks finish.

export const DEFAULT_FAIL_REASON = "Song Description contained artist name";
const zeroCounts = (): SimCounts => ({ submit: 0, lyrics: 0, fetch: 0, fetchedIds: 0, media: 0, api: 0, unauthorized: 0, maxInFlight: 0 });

export async function startSimulator(protocol: SimProtocol, handler: ProtocolHandler, options: SimulatorOptions = {}): Promise<Simulator> {
  const key = options.key ?? `sk-sim-${protocol}-${Math.random().toString(36).slice(2, 12)}`;
  const store = new TaskStore(options.steps);
  const requests: SimRequest[] = [];
  const callbacks: CallbackDelivery[] = [];
  const faults: Array<{ route: SimRoute; fault: Fault; left: number; pathIncludes?: string }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let counts = zeroCounts();
  let inFlight = 0;
  let callbacksOn = options.callbacks ?? true;
  let url = "";

  const callbackTimers = new Map<string, NodeJS.Timeout>();

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
    return t;
  };

  async function deliver(task: SimTask, to?: string): Promise<CallbackDelivery> {
    const target = to ?? task.callbackUrl ?? "";
    const body = handler.callbackBody(task, ctx);
    const entry: CallbackDelivery = { taskId: task.id, url: target, body, status: null, error: null, at: Date.now() };
    callbacks.push(entry);
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      entry.status = res.status;
      await res.body?.cancel();
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
    }
    return entry;
  }

  const ctx: SimContext = {
    get url() {
      return url;
    },
    store,
    stage: (task) => store.stage(task),
    media: (clipId) => ({
      audio: `${url}/media/${clipId}.wav`,
      image: `${url}/media/${clipId}.png`,
      preview: `${url}/audiopipe/?item_id=${clipId}`,
      wav: `${url}/media/${clipId}-lossless.wav`,
      video: `${url}/media/${clipId}.mp4`,
    }),
    async fetchSource(source) {
      if (typeof source !== "string" || !/^https?:\/\//.test(source)) return "audio_url is not an http(s) URL";
      try {
        const res = await fetch(source, { signal: AbortSignal.timeout(5000) });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (!res.ok) return `fetching the audio failed with HTTP ${res.status}`;
        return bytes.length > 0 ? null : "the audio is empty";
      } catch (err) {
        return `fetching the audio failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    },
    // Node timers may fire a millisecond before Date.now() says the time is up, so the
    // wait re-checks the stage instead of trusting one timeout.
    untilDone: (task) =>
      new Promise<void>((resolve) => {
        const check = () => (store.remaining(task) === 0 ? resolve() : later(store.remaining(task) + 1, check));
        check();
      }),
    scheduleCallback(task) {
      if (!task.callbackUrl) return;
      clearTimeout(callbackTimers.get(task.id));
      const timer = later(store.remaining(task) + 20, () => {
        callbackTimers.delete(task.id);
        if (callbacksOn) void deliver(task);
      });
      callbackTimers.set(task.id, timer);
    },
  };

  function takeFault(route: SimRoute, path: string): Fault | undefined {
    const i = faults.findIndex((f) => (f.route === route || (f.route === "any" && route !== "media")) && (!f.pathIncludes || path.includes(f.pathIncludes)));
    if (i < 0) return undefined;
    const entry = faults[i];
    entry.left -= 1;
    if (entry.left <= 0) faults.splice(i, 1);
    return entry.fault;
  }

  function serveMedia(res: http.ServerResponse, method: string, path: string, query: URLSearchParams) {
    counts.media += 1;
    const m = /^\/media\/([\w-]+?)(-lossless)?\.(wav|png|mp4)$/.exec(path);
    const clipId = m?.[1] ?? (path.startsWith("/audiopipe") ? query.get("item_id") : null);
    if (!clipId || !store.taskOfClip(clipId)) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    const ext = m?.[3] ?? "wav";
    const body = ext === "png" ? makePng(clipId) : ext === "mp4" ? makeMp4(clipId) : makeWav(clipId, 2);
    const type = { png: "image/png", mp4: "video/mp4", wav: "audio/wav" }[ext];
    res.writeHead(200, { "Content-Type": type ?? "audio/wav", "Content-Length": String(body.length) });
    res.end(method === "HEAD" ? undefined : body);
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    const parsedUrl = new URL(req.url ?? "/", "http://sim");
    const path = parsedUrl.pathname;
    const method = req.method ?? "GET";
    const isMedia = (method === "GET" || method === "HEAD") && (path.startsWith("/media/") || path.startsWith("/audiopipe"));
    const route: SimRoute | null = isMedia ? "media" : handler.routeOf(method, path);
    const raw = await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    const authorized = isMedia || req.headers.authorization === `Bearer ${key}`;
    requests.push({ method, path: path + parsedUrl.search, route, body, authorized, at: Date.now() });

    if (!authorized) {
      counts.unauthorized += 1;
      const fx = errorFixture(protocol as FixtureDir, "error_401_invalid_token");
      return sendJson(res, fx);
    }
    if (route === "submit") counts.submit += 1;
    if (route === "lyrics") counts.lyrics += 1;
    if (route === "fetch") {
      counts.fetch += 1;
      const ids = isObject(body) && Array.isArray(body.ids) ? body.ids.length : 1;
      counts.fetchedIds += ids;
    }
    if (!isMedia) {
      counts.api += 1;
      inFlight += 1;
      counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
      res.on("close", () => void (inFlight -= 1));
    }

    let fault = route ? takeFault(route, path) : undefined;
    if (fault?.kind === "delay") {
      await new Promise<void>((resolve) => later(fault && fault.kind === "delay" ? fault.ms : 0, resolve));
      fault = undefined;
    }
    if (fault && answerWithFault(fault, req, res, protocol, handler)) return;

    if (isMedia) return serveMedia(res, method, path, parsedUrl.searchParams);
    if (!route) return sendJson(res, { status: 404, body: handler.error(404, `Invalid URL (${method} ${path})`, "not_found") });
    if (badJson) return sendJson(res, { status: 400, body: handler.error(400, "invalid JSON body", "bad_request") });
    const reply = await handler.handle({ method, path, body, route }, ctx);
    if (fault?.kind === "truncated") return sendTruncated(res, reply);
    sendJson(res, reply);
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, { status: 500, body: handler.error(500, `simulator error: ${String(err)}`, "api_error") });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;

  const mustGet = (taskId: string) => {
    const task = store.get(taskId);
    if (!task) throw new Error(`simulator: no task ${taskId}`);
    return task;
  };

  const control: SimulatorControl = {
    inject: (route, fault, times = 1, pathIncludes) => void faults.push({ route, fault, left: times, pathIncludes }),
    clearFaults: () => void faults.splice(0),
    failNextTask: (reason = DEFAULT_FAIL_REASON) => store.failNext(reason),
    failTask: (taskId, reason = DEFAULT_FAIL_REASON) => void (mustGet(taskId).failReason = reason),
    finishTask(taskId) {
      const task = mustGet(taskId);
      control.setStage(taskId, task.failReason ? "failed" : "succeeded");
    },
    setStage(taskId, stage) {
      const task = mustGet(taskId);
      store.setStage(task, stage, DEFAULT_FAIL_REASON);
      ctx.scheduleCallback(task);
    },
    setSteps: (steps) => void (store.steps = { ...store.steps, ...steps }),
    setCallbacks: (enabled) => void (callbacksOn = enabled),
    setBilling: (billing) => void (store.billing = { ...billing }),
    deliverCallback: (taskId, to) => deliver(mustGet(taskId), to),
    counts: () => ({ ...counts }),
    task: (taskId) => store.get(taskId),
    taskIds: () => [...store.tasks.keys()],
    stage: (taskId) => {
      const task = store.get(taskId);
      return task ? store.stage(task) : undefined;
    },
    reset() {
      faults.splice(0);
      requests.splice(0);
      callbacks.splice(0);
      counts = zeroCounts();
    },
  };

  return {
    protocol,
    url,
    key,
    requests,
    callbacks,
    control,
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
