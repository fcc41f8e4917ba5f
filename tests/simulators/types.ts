import type { SimTask, Stage, Steps, TaskStore } from "./tasks";

// The simulators' public shapes: what tests, benchmarks and serve.ts program against.

export type SimProtocol = "newapi" | "nengyongai" | "sunohub";
/**
 * What a fault or a counter applies to. `any` matches every API route. The operation
 * routes are those a protocol has as calls of their own (sunohub's cover, concat and
 * stems are `submit`, as they go to /suno/audios; new-api's stems go to submit/music).
 */
export type SimRoute = "submit" | "lyrics" | "fetch" | "media" | "upload" | "concat" | "wav" | "video" | "timing" | "persona" | "billing" | "any";

export type Fault =
  /** Any status and body (default body: the vendor's own error shape). */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** An error fixture of this vendor, e.g. `error_403_quota_not_enough`; status from the name. */
  | { kind: "fixture"; name: string }
  /** A vendor error in the vendor's own shape. */
  | { kind: "vendor-error"; status: number; message: string; code?: string }
  | { kind: "rate-limit"; retryAfter?: number | string }
  /** Never answers; the socket is closed only by stop(). */
  | { kind: "hang" }
  | { kind: "html"; status?: number }
  | { kind: "empty"; status?: number }
  /** The normal answer cut in half (side effects, such as creating a task, still happen). */
  | { kind: "truncated" }
  /** The TCP connection is destroyed without an answer. */
  | { kind: "reset" }
  /** A 401 whose message repeats the Authorization header, as a careless gateway might. */
  | { kind: "echo-auth"; status?: number }
  /** Answers normally after a pause. */
  | { kind: "delay"; ms: number };

export interface SimRequest {
  method: string;
  path: string;
  route: SimRoute | null;
  body: unknown;
  authorized: boolean;
  at: number;
}

export interface CallbackDelivery {
  taskId: string;
  url: string;
  body: unknown;
  status: number | null;
  error: string | null;
  at: number;
}

export interface SimCounts {
  submit: number;
  lyrics: number;
  /** Fetch requests (a batch counts once). */
  fetch: number;
  /** Task ids asked for across all fetch requests. */
  fetchedIds: number;
  media: number;
  /** Every authenticated-API request, whatever the route. */
  api: number;
  unauthorized: number;
  /** Most API requests being answered at the same time. */
  maxInFlight: number;
}

export interface SimReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface SimContext {
  readonly url: string;
  readonly store: TaskStore;
  stage(task: SimTask): Stage;
  media(clipId: string): { audio: string; image: string; preview: string; wav: string; video: string };
  /** GETs a URL a client handed over (an upload's signed link); the reason it failed, or null. */
  fetchSource(url: unknown): Promise<string | null>;
  /** Resolves when the task reaches its terminal stage. */
  untilDone(task: SimTask): Promise<void>;
  /** Call after creating a task that has a callback URL. */
  scheduleCallback(task: SimTask): void;
}

export interface ProtocolHandler {
  routeOf(method: string, path: string): SimRoute | null;
  handle(req: { method: string; path: string; body: unknown; route: SimRoute }, ctx: SimContext): SimReply | Promise<SimReply>;
  /** The vendor's own error body. */
  error(status: number, message: string, code?: string): unknown;
  callbackBody(task: SimTask, ctx: SimContext): unknown;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  key?: string;
  steps?: Partial<Steps>;
  /** POST callbacks to notify_hook / callback_url when tasks finish. Default true. */
  callbacks?: boolean;
}

export interface SimulatorControl {
  /** Applies the fault to the next `times` requests on the route (whose path contains `pathIncludes`, if given). */
  inject(route: SimRoute, fault: Fault, times?: number, pathIncludes?: string): void;
  clearFaults(): void;
  /** The next submitted task ends failed with this vendor reason. */
  failNextTask(reason?: string): void;
  failTask(taskId: string, reason?: string): void;
  /** Jumps a task to its terminal stage now (and sends its callback). */
  finishTask(taskId: string): void;
  /** Moves a task to any stage now; a terminal stage sends its callback. Pair with long steps for deterministic tests. */
  setStage(taskId: string, stage: Stage): void;
  setSteps(steps: Partial<Steps>): void;
  setCallbacks(enabled: boolean): void;
  /** What the new-api family's billing endpoints report (USD given, USD used; 100,000,000 given is an unlimited key). */
  setBilling(billing: { hardLimitUsd: number; usedUsd: number }): void;
  /** POSTs the task's callback now, e.g. to test repeated deliveries. */
  deliverCallback(taskId: string, url?: string): Promise<CallbackDelivery>;
  counts(): SimCounts;
  task(taskId: string): SimTask | undefined;
  taskIds(): string[];
  stage(taskId: string): Stage | undefined;
  /** Clears faults, logs and counters; tasks stay. */
  reset(): void;
}

export interface Simulator {
  protocol: SimProtocol;
  url: string;
  key: string;
  requests: SimRequest[];
  callbacks: CallbackDelivery[];
  control: SimulatorControl;
  stop(): Promise<void>;
}
