import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TaskDto, TaskStatus } from "@/lib/dto";
import { parseTaskMessage, subscribeToTask, waitForTask } from "./task-subscription";

// A stand-in for the browser's EventSource: tests push events and drop connections.
class FakeEventSource {
  static all: FakeEventSource[] = [];
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((event: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, fn: (event: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  send(task: TaskDto) {
    for (const fn of this.listeners.get("task") ?? []) fn({ data: JSON.stringify(task) });
  }
  drop() {
    this.onerror?.();
  }
}

const task = (status: TaskStatus, progress: number | null = null) => ({ id: "t1", status, progress, clips: [] }) as unknown as TaskDto;
const latest = () => FakeEventSource.all.at(-1)!;
let answer: () => Response;

beforeEach(() => {
  FakeEventSource.all = [];
  vi.useFakeTimers();
  vi.stubGlobal("EventSource", FakeEventSource);
  answer = () => Response.json({ task: task("running", 40) });
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => answer()),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("subscribeToTask", () => {
  it("passes on every update and closes the stream at a terminal status", () => {
    const seen: string[] = [];
    subscribeToTask("t1", { onTask: (t) => seen.push(t.status) });
    expect(latest().url).toBe("/api/v1/tasks/t1/events");
    latest().send(task("queued"));
    latest().send(task("running", 50));
    latest().send(task("succeeded", 100));
    expect(seen).toEqual(["queued", "running", "succeeded"]);
    expect(latest().closed).toBe(true);
    latest().drop();
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it("after a dropped stream it catches up with one GET, then reopens with a delay", async () => {
    const seen: (number | null)[] = [];
    subscribeToTask("t1", { onTask: (t) => seen.push(t.progress) });
    latest().drop();
    expect(FakeEventSource.all[0].closed).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledWith("/api/v1/tasks/t1", expect.anything());
    expect(seen).toEqual([40]);
    expect(FakeEventSource.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeEventSource.all).toHaveLength(2);
  });

  it("stops when the catch-up finds the task finished, or gone", async () => {
    answer = () => Response.json({ task: task("failed") });
    const seen: string[] = [];
    subscribeToTask("t1", { onTask: (t) => seen.push(t.status) });
    latest().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual(["failed"]);
    expect(FakeEventSource.all).toHaveLength(1);

    answer = () => Response.json({ error: { code: "not_found" } }, { status: 404 });
    const onGone = vi.fn();
    subscribeToTask("t2", { onTask: () => {}, onGone });
    latest().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onGone).toHaveBeenCalledOnce();
    expect(FakeEventSource.all).toHaveLength(2);
  });

  it("backs off while the server stays unreachable, and unsubscribing ends it", async () => {
    answer = () => {
      throw new TypeError("network down");
    };
    const stop = subscribeToTask("t1", { onTask: () => {} });
    for (let i = 0; i < 6; i++) {
      latest().drop();
      await vi.advanceTimersByTimeAsync(20_000);
    }
    expect(FakeEventSource.all).toHaveLength(7);
    stop();
    expect(latest().closed).toBe(true);
    latest().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.all).toHaveLength(7);
  });
});

describe("waitForTask", () => {
  it("resolves with the finished task", async () => {
    const done = waitForTask("t1");
    latest().send(task("running"));
    latest().send(task("succeeded"));
    await expect(done).resolves.toMatchObject({ status: "succeeded" });
  });

  it("rejects with the abort reason and stops following", async () => {
    const controller = new AbortController();
    const done = waitForTask("t1", controller.signal);
    controller.abort(new DOMException("too slow", "TimeoutError"));
    await expect(done).rejects.toMatchObject({ name: "TimeoutError" });
    expect(latest().closed).toBe(true);
  });
});

describe("parseTaskMessage", () => {
  it("reads a task from a stream event or an API envelope, and nothing from junk", () => {
    expect(parseTaskMessage(JSON.stringify(task("queued")))?.status).toBe("queued");
    expect(parseTaskMessage(JSON.stringify({ task: task("running") }))?.status).toBe("running");
    for (const junk of ["", "not json", "null", "42", '{"error":{"code":"x"}}']) expect(parseTaskMessage(junk)).toBeNull();
  });
});
