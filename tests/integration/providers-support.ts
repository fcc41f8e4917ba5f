import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { VendorError, type ProviderAdapter, type VendorTask } from "@/lib/server/providers/types";
import type { Simulator } from "@/tests/simulators";

// Helpers shared by the adapter-against-simulator contract tests.

/** Fast lifecycles for tests: about half a second from submit to finished. */
export const FAST_STEPS = { queuedMs: 150, streamingMs: 350 };
export const FAST_TIMEOUTS = { timeoutMs: 2000, submitTimeoutMs: 5000 };
/** Stages that do not move by themselves: the test moves them with control.setStage. */
export const HOLD_STEPS = { queuedMs: 60_000, streamingMs: 60_000 };

/**
 * Walks a task (created while the simulator ran with HOLD_STEPS) through its stages by
 * hand and returns what the adapter reported at each, independent of machine speed.
 */
export async function walkLifecycle(sim: Simulator, adapter: ProviderAdapter, vendorTaskId: string) {
  const fetchOne = async () => {
    const task = (await adapter.fetchTasks([vendorTaskId])).get(vendorTaskId);
    expect(task).toBeDefined();
    return task as VendorTask;
  };
  const queued = await fetchOne();
  sim.control.setStage(vendorTaskId, "streaming");
  const running = await fetchOne();
  sim.control.finishTask(vendorTaskId);
  const done = await fetchOne();
  return { queued, running, done };
}

/** Polls the adapter (single fetch) until the predicate holds; returns every distinct status seen. */
export async function pollUntil(
  adapter: ProviderAdapter,
  vendorTaskId: string,
  done: (task: VendorTask) => boolean = (t) => t.status === "succeeded" || t.status === "failed",
  timeoutMs = 5000,
): Promise<{ task: VendorTask; seen: VendorTask[] }> {
  const deadline = Date.now() + timeoutMs;
  const seen: VendorTask[] = [];
  for (;;) {
    const task = (await adapter.fetchTasks([vendorTaskId])).get(vendorTaskId);
    if (task && seen.at(-1)?.status !== task.status) seen.push(task);
    if (task && done(task)) return { task, seen };
    if (Date.now() > deadline) throw new Error(`task ${vendorTaskId} did not finish; last status ${task?.status ?? "absent"}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

export async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

/** A URL where nothing listens. */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Receives vendor callbacks (what /api/webhooks would get). */
export async function startCallbackReceiver() {
  const received: Array<{ path: string; body: unknown; contentType: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: text ? JSON.parse(text) : undefined, contentType: req.headers["content-type"] });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/test/secret-token`,
    received,
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(received.length).toBeGreaterThanOrEqual(count);
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Downloads a media URL the vendor handed out and checks it is what it claims. */
export async function expectMedia(url: string | null, kind: "audio" | "image") {
  expect(url).toBeTruthy();
  const res = await fetch(url as string);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (kind === "audio") {
    expect(res.headers.get("content-type")).toMatch(/^audio\/(wav|mpeg)/);
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
  } else {
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  }
}

/** Fields whose values are empty carry no meaning; compare what the vendor would act on. */
export const significant = (body: unknown) => Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, v]) => v !== "" && v != null));
