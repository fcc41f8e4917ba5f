import { env } from "@/lib/env";
import { acquireLease, getLease, releaseLease } from "@/lib/server/data/leases";
import { listDueTasks, listStuckSubmissions, type SyncTaskRow } from "@/lib/server/data/tasks";
import { logger } from "@/lib/server/logger";
import { processDueMedia } from "@/lib/server/services/archive-media";
import { failOpenTask } from "@/lib/server/services/sync-task";
import { stuckSubmissionFailure } from "@/lib/server/services/task-errors";
import { isHolderDead, newHolderId, registerLiveHolder, unregisterLiveHolder } from "./holder";
import { pollProviderRound, type RoundReport } from "./round";
import { DEFAULT_SCHEDULE } from "./schedule";

// The scheduler loop (DESIGN "Life of a song" 3). All state lives in the database:
// due tasks are read by next_poll_at, so after any restart, kill -9 included, the
// next process simply carries on (REL-4). A lease row makes sure only one process
// polls a database (REL-6). Each provider's round runs on its own, so a slow or
// broken vendor never holds up the others (REL-5).

export const POLLER_LEASE = "poller";

export interface PollerOptions {
  /** How often the loop looks for due work. */
  tickMs?: number;
  baseIntervalMs?: number;
  maxIntervalMs?: number;
  /** One provider round's fetch deadline. */
  fetchTimeoutMs?: number;
  /** A task not finished by then fails as timed out. Default POLL_TIMEOUT_MINUTES. */
  taskTimeoutMs?: number;
  leaseTtlMs?: number;
  /** Due tasks read per tick. */
  batchLimit?: number;
  /** Archive downloads run beside polling; tests may turn them off. */
  media?: boolean;
  holder?: string;
  now?: () => number;
  random?: () => number;
}

export interface TickReport {
  leader: boolean;
  stuck: number;
  rounds: RoundReport[];
}

export interface PollerStatus {
  running: boolean;
  leader: boolean;
  holder: string;
  heartbeatAt: Date | null;
}

export class Poller {
  readonly holder: string;
  private readonly o: Required<Omit<PollerOptions, "holder">>;
  private readonly inFlight = new Map<string, Promise<RoundReport>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopping = false;
  private leader = false;
  private heartbeatAt: number | null = null;
  private mediaBusy = false;
  /** A wake-up arrived while a round was running; look again as soon as one finishes. */
  private wakePending = false;

  constructor(options: PollerOptions = {}) {
    this.holder = options.holder ?? newHolderId();
    this.o = {
      tickMs: options.tickMs ?? 1_000,
      baseIntervalMs: options.baseIntervalMs ?? DEFAULT_SCHEDULE.baseMs,
      maxIntervalMs: options.maxIntervalMs ?? DEFAULT_SCHEDULE.maxMs,
      fetchTimeoutMs: options.fetchTimeoutMs ?? 60_000,
      taskTimeoutMs: options.taskTimeoutMs ?? env().POLL_TIMEOUT_MINUTES * 60_000,
      leaseTtlMs: options.leaseTtlMs ?? 30_000,
      batchLimit: options.batchLimit ?? 5_000,
      media: options.media ?? true,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
    };
    registerLiveHolder(this.holder);
  }

  /** Runs the loop in the background until stop(). */
  start() {
    if (this.running || this.stopping) return;
    this.running = true;
    this.loop();
  }

  /** A callback arrived or a task was made due: look now rather than at the next tick. */
  wake() {
    if (this.inFlight.size > 0) this.wakePending = true;
    this.kick();
  }

  /** One pass; resolves when every round it started has finished (tests drive the poller with this). */
  async tick(): Promise<TickReport> {
    const { report, rounds } = this.beginTick();
    report.rounds = await Promise.all(rounds);
    return report;
  }

  /** SIGTERM: stop claiming work, let running rounds finish (up to graceMs), give the lease up. */
  async stop(graceMs = 10_000) {
    this.stopping = true;
    this.running = false;
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), grace]);
    clearTimeout(timer);
    if (this.leader) releaseLease(POLLER_LEASE, this.holder);
    this.leader = false;
    unregisterLiveHolder(this.holder);
  }

  status(): PollerStatus {
    return {
      running: this.running,
      leader: this.leader,
      holder: this.holder,
      heartbeatAt: this.heartbeatAt === null ? null : new Date(this.heartbeatAt),
    };
  }

  private kick() {
    if (!this.running || this.stopping) return;
    clearTimeout(this.timer);
    this.loop();
  }

  private loop() {
    try {
      this.beginTick();
    } catch (err) {
      logger.error("poller tick failed", { err });
    }
    if (!this.running) return;
    this.timer = setTimeout(() => this.loop(), this.o.tickMs);
    this.timer.unref?.();
  }

  private beginTick(): { report: TickReport; rounds: Promise<RoundReport>[] } {
    const report: TickReport = { leader: false, stuck: 0, rounds: [] };
    if (this.stopping || !this.holdLease()) return { report, rounds: [] };
    report.leader = true;
    const now = new Date(this.o.now());

    for (const task of listStuckSubmissions(now, this.o.batchLimit)) {
      if (failOpenTask(task.id, stuckSubmissionFailure(), { now })) report.stuck += 1;
    }

    const byProvider = new Map<string, SyncTaskRow[]>();
    // A vendor still answering its last round is left out; its tasks wait for the next tick.
    for (const task of listDueTasks(now, this.o.batchLimit, [...this.inFlight.keys()])) {
      const group = byProvider.get(task.providerId) ?? [];
      group.push(task);
      byProvider.set(task.providerId, group);
    }
    const rounds = [...byProvider].map(([providerId, due]) => this.startRound(providerId, due));
    this.archiveMedia();
    return { report, rounds };
  }

  private startRound(providerId: string, due: SyncTaskRow[]): Promise<RoundReport> {
    const round = pollProviderRound(providerId, due, {
      schedule: { baseMs: this.o.baseIntervalMs, maxMs: this.o.maxIntervalMs },
      fetchTimeoutMs: this.o.fetchTimeoutMs,
      taskTimeoutMs: this.o.taskTimeoutMs,
      now: this.o.now,
      random: this.o.random,
    })
      .catch((err: unknown): RoundReport => {
        logger.error("poll round failed", { providerId, err });
        return { providerId, tasks: due.length, answered: 0, problem: String(err) };
      })
      .finally(() => {
        this.inFlight.delete(providerId);
        // A callback for this vendor's task may have been skipped while its round ran.
        if (this.wakePending) {
          this.wakePending = false;
          this.kick();
        }
      });
    this.inFlight.set(providerId, round);
    return round;
  }

  /** Renews our lease, or takes a free, expired or dead holder's one. */
  private holdLease(): boolean {
    const now = this.o.now();
    const renewEvery = this.o.leaseTtlMs / 6;
    if (this.leader && this.heartbeatAt !== null && now - this.heartbeatAt < renewEvery) return true;
    let steal: string | null = null;
    if (!this.leader) {
      const lease = getLease(POLLER_LEASE);
      if (lease && lease.holder !== this.holder && lease.expiresAt.getTime() >= now) {
        if (!isHolderDead(lease.holder)) return false;
        steal = lease.holder;
      }
    }
    const held = acquireLease(POLLER_LEASE, this.holder, new Date(now), this.o.leaseTtlMs, steal);
    if (held && !this.leader) logger.info("poller lease acquired", { holder: this.holder, takeover: steal !== null });
    if (!held && this.leader) logger.warn("poller lease lost", { holder: this.holder });
    this.leader = held;
    this.heartbeatAt = held ? now : this.heartbeatAt;
    return held;
  }

  /** Downloads run beside polling and never hold up a round. */
  private archiveMedia() {
    if (!this.o.media || this.mediaBusy) return;
    this.mediaBusy = true;
    processDueMedia()
      .catch((err: unknown) => logger.error("media archiving failed", { err }))
      .finally(() => (this.mediaBusy = false));
  }
}
