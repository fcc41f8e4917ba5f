import { randomUUID } from "node:crypto";

// The simulated vendor's task store: each task walks queued → streaming → succeeded
// (or failed) by wall-clock time, with step durations fixed when it is created. Lyrics
// and uploads are done at once; songs, WAV, video and persona tasks take their steps.

export interface Steps {
  queuedMs: number;
  streamingMs: number;
}

export const DEFAULT_STEPS: Steps = { queuedMs: 400, streamingMs: 800 };

export type Stage = "queued" | "streaming" | "succeeded" | "failed";

/** `music` makes clips (songs, covers, whole songs, stems); `upload` is a file the vendor fetched, kept as one clip. */
export type SimTaskKind = "music" | "lyrics" | "wav" | "video" | "persona" | "upload";

export interface SimTask {
  id: string;
  kind: SimTaskKind;
  /** The vendor's own word for what was asked (`generate`, `extend`, `cover`, `concat`, `gen_stem`…). */
  op: string;
  /** The clip the operation works on (cover, concat, stems, WAV, video, persona). */
  sourceClipId: string | null;
  createdAt: number;
  steps: Steps;
  /** The body the client sent. */
  request: Record<string, unknown>;
  clipIds: string[];
  /** Per-clip titles where they differ (stems); else every clip has `title`. */
  clipTitles: string[] | null;
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
  kind: SimTaskKind;
  op?: string;
  sourceClipId?: string | null;
  /** Default: two clips for music, the upload itself for an upload, none otherwise. */
  clipCount?: number;
  clipTitles?: string[];
  /** Set: the task ends failed with this reason whatever the test asked for. */
  failReason?: string;
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
  /** Personas made so far: id → the clip they were made from. */
  readonly personas = new Map<string, { clipId: string; name: string }>();
  private readonly clipOwners = new Map<string, string>();
  private readonly pendingFailures: string[] = [];
  steps: Steps;
  /** The account behind the key, for the new-api billing pair: everything it was given and what it used, in USD. */
  billing = { hardLimitUsd: 50, usedUsd: 12.5 };

  constructor(steps: Partial<Steps> = {}) {
    this.steps = { ...DEFAULT_STEPS, ...steps };
  }

  create(init: TaskInit): SimTask {
    const description = str(init.description) ?? "";
    const title = str(init.title) ?? (description ? `Song of ${description.split(/\s+/).slice(0, 4).join(" ")}` : "Untitled");
    const id = randomUUID();
    const clipCount = init.clipCount ?? (init.kind === "music" ? 2 : 0);
    const task: SimTask = {
      id,
      kind: init.kind,
      op: init.op ?? "generate",
      sourceClipId: init.sourceClipId ?? null,
      createdAt: Date.now(),
      steps: { ...this.steps },
      request: init.request,
      // An upload's clip id is its task id: the new-api family names both with one value.
      clipIds: init.kind === "upload" ? [id] : Array.from({ length: clipCount }, () => randomUUID()),
      clipTitles: init.clipTitles ?? null,
      title,
      lyrics: str(init.lyrics) ?? `[Verse]\n${description || title}\nSinging through the night\n\n[Chorus]\n${title}, hold on tight`,
      style: str(init.style) ?? "synthpop, dreamy",
      description,
      model: str(init.model) ?? "chirp-v3-5",
      instrumental: init.instrumental === true,
      failReason: init.failReason ?? this.pendingFailures.shift() ?? null,
      callbackUrl: str(init.callbackUrl) ?? null,
    };
    this.tasks.set(task.id, task);
    for (const clipId of task.clipIds) this.clipOwners.set(clipId, task.id);
    return task;
  }

  /** What a clip is called: its own title (stems) or its task's. */
  clipTitle(task: SimTask, clipId: string): string {
    return task.clipTitles?.[task.clipIds.indexOf(clipId)] ?? task.title;
  }

  /** A finished clip of this vendor, or undefined (an unknown or unfinished source). */
  finishedClip(clipId: unknown): SimTask | undefined {
    const task = typeof clipId === "string" ? this.taskOfClip(clipId) : undefined;
    return task && this.stage(task) === "succeeded" ? task : undefined;
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
    if (isInstant(task)) return end;
    const elapsed = now - task.createdAt;
    if (elapsed < task.steps.queuedMs) return "queued";
    if (elapsed < task.steps.queuedMs + task.steps.streamingMs) return "streaming";
    return end;
  }

  /** Milliseconds until the task reaches its terminal stage (0 when it already has). */
  remaining(task: SimTask, now = Date.now()): number {
    if (isInstant(task)) return 0;
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
    const started = task.createdAt + (isInstant(task) ? 0 : task.steps.queuedMs);
    const finished = started + (isInstant(task) ? 0 : task.steps.streamingMs);
    return {
      created: task.createdAt / 1000,
      started: now >= started ? started / 1000 : null,
      finished: now >= finished ? finished / 1000 : null,
    };
  }

  /** Progress in percent, from elapsed time. */
  percent(task: SimTask, now = Date.now()): number {
    const total = task.steps.queuedMs + task.steps.streamingMs;
    if (isInstant(task) || total === 0) return 100;
    return Math.min(100, Math.floor(((now - task.createdAt) / total) * 100));
  }
}

const isInstant = (task: SimTask) => task.kind === "lyrics" || task.kind === "upload";
