import { randomUUID } from "node:crypto";

// The simulated vendor's task store: each task walks queued → streaming → succeeded
// (or failed) by wall-clock time, with step durations fixed when it is created.

export interface Steps {
  queuedMs: number;
  streamingMs: number;
}

export const DEFAULT_STEPS: Steps = { queuedMs: 400, streamingMs: 800 };

export type Stage = "queued" | "streaming" | "succeeded" | "failed";

export interface SimTask {
  id: string;
  kind: "music" | "lyrics";
  createdAt: number;
  steps: Steps;
  /** The body the client sent. */
  request: Record<string, unknown>;
  clipIds: string[];
  title: string;
  lyrics: string;
  style: string;
  description: string;
  model: string;
  instrumental: boolean;
  /** Set: the task ends failed with this vendor reason. */
  failReason: string | null;
  callbackUrl: string | null;
}

export interface TaskInit {
  kind: "music" | "lyrics";
  request: Record<string, unknown>;
  title?: unknown;
  lyrics?: unknown;
  style?: unknown;
  description?: unknown;
  model?: unknown;
  instrumental?: unknown;
  callbackUrl?: unknown;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

export class TaskStore {
  readonly tasks = new Map<string, SimTask>();
  private readonly clipOwners = new Map<string, string>();
  private readonly pendingFailures: string[] = [];
  steps: Steps;

  constructor(steps: Partial<Steps> = {}) {
    this.steps = { ...DEFAULT_STEPS, ...steps };
  }

  create(init: TaskInit): SimTask {
    const description = str(init.description) ?? "";
    const title = str(init.title) ?? (description ? `Song of ${description.split(/\s+/).slice(0, 4).join(" ")}` : "Untitled");
    const task: SimTask = {
      id: randomUUID(),
      kind: init.kind,
      createdAt: Date.now(),
      steps: { ...this.steps },
      request: init.request,
      clipIds: init.kind === "music" ? [randomUUID(), randomUUID()] : [],
      title,
      lyrics: str(init.lyrics) ?? `[Verse]\n${description || title}\nSinging through the night\n\n[Chorus]\n${title}, hold on tight`,
      style: str(init.style) ?? "synthpop, dreamy",
      description,
      model: str(init.model) ?? "chirp-v3-5",
      instrumental: init.instrumental === true,
      failReason: this.pendingFailures.shift() ?? null,
      callbackUrl: str(init.callbackUrl) ?? null,
    };
    this.tasks.set(task.id, task);
    for (const clipId of task.clipIds) this.clipOwners.set(clipId, task.id);
    return task;
  }

  get(id: string): SimTask | undefined {
    return this.tasks.get(id);
  }

  taskOfClip(clipId: string): SimTask | undefined {
    const owner = this.clipOwners.get(clipId);
    return owner ? this.tasks.get(owner) : undefined;
  }

  failNext(reason: string) {
    this.pendingFailures.push(reason);
  }

  stage(task: SimTask, now = Date.now()): Stage {
    const end = task.failReason ? "failed" : "succeeded";
    if (task.kind === "lyrics") return end;
    const elapsed = now - task.createdAt;
    if (elapsed < task.steps.queuedMs) return "queued";
    if (elapsed < task.steps.queuedMs + task.steps.streamingMs) return "streaming";
    return end;
  }

  /** Milliseconds until the task reaches its terminal stage (0 when it already has). */
  remaining(task: SimTask, now = Date.now()): number {
    if (task.kind === "lyrics") return 0;
    return Math.max(0, task.createdAt + task.steps.queuedMs + task.steps.streamingMs - now);
  }

  /**
   * Moves a task to a stage now, whatever its timing; with long steps it then stays
   * there, which makes lifecycle tests independent of machine speed.
   */
  setStage(task: SimTask, stage: Stage, failReason: string) {
    const now = Date.now();
    if (stage === "failed") task.failReason ??= failReason;
    if (stage === "succeeded") task.failReason = null;
    const back = stage === "queued" ? 0 : stage === "streaming" ? task.steps.queuedMs : task.steps.queuedMs + task.steps.streamingMs + 1;
    task.createdAt = now - back;
  }

  /** Epoch seconds for the vendor's timestamps; null until reached. */
  times(task: SimTask, now = Date.now()) {
    const started = task.createdAt + (task.kind === "music" ? task.steps.queuedMs : 0);
    const finished = started + (task.kind === "music" ? task.steps.streamingMs : 0);
    return {
      created: task.createdAt / 1000,
      started: now >= started ? started / 1000 : null,
      finished: now >= finished ? finished / 1000 : null,
    };
  }

  /** Progress in percent, from elapsed time. */
  percent(task: SimTask, now = Date.now()): number {
    const total = task.steps.queuedMs + task.steps.streamingMs;
    if (task.kind === "lyrics" || total === 0) return 100;
    return Math.min(100, Math.floor(((now - task.createdAt) / total) * 100));
  }
}
