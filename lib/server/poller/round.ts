import type { SyncTaskRow } from "@/lib/server/data/tasks";
import { getProvider } from "@/lib/server/providers/registry";
import { VendorError, type VendorTask } from "@/lib/server/providers/types";
import { applyVendorTask, failOpenTask, recordPollProblem } from "@/lib/server/services/sync-task";
import { describePollProblem, providerMissingFailure, timedOutFailure } from "@/lib/server/services/task-errors";
import { faultDelayMs, pollDelayMs, type ScheduleOptions } from "./schedule";

// One poll round for one provider: a single fetch for all its due tasks (the adapter
// batches where the protocol can), bounded by the round's own deadline, then each
// answer applied in its own short transaction.

export interface RoundOptions {
  schedule: ScheduleOptions;
  /** The whole round's fetch; a vendor that hangs costs this much, and only its own tasks. */
  fetchTimeoutMs: number;
  /** POLL_TIMEOUT_MINUTES, in ms. */
  taskTimeoutMs: number;
  now: () => number;
  random: () => number;
}

export interface RoundReport {
  providerId: string;
  tasks: number;
  answered: number;
  problem: string | null;
}

const YIELD_EVERY = 50;

/**
 * Tasks per round. A protocol without batch fetch costs one request per task, so its
 * rounds stay small enough to finish well inside the round's deadline; the rest stay
 * due and go in the next round.
 */
const ROUND_LIMIT = { batch: 2_000, single: 100 };

export async function pollProviderRound(providerId: string, allDue: SyncTaskRow[], options: RoundOptions): Promise<RoundReport> {
  const provider = getProvider(providerId);
  if (!provider) {
    const at = new Date(options.now());
    for (const task of allDue) failOpenTask(task.id, providerMissingFailure(providerId), { now: at });
    return { providerId, tasks: allDue.length, answered: 0, problem: "provider missing" };
  }
  const due = allDue.slice(0, provider.adapter.batchFetch ? ROUND_LIMIT.batch : ROUND_LIMIT.single);
  const report: RoundReport = { providerId, tasks: due.length, answered: 0, problem: null };

  let answers = new Map<string, VendorTask>();
  let problem: ReturnType<typeof describePollProblem> | null = null;
  try {
    const ids = due.map((t) => t.vendorTaskId).filter((id): id is string => Boolean(id));
    answers = await withDeadline(provider.adapter.fetchTasks(ids), options.fetchTimeoutMs);
  } catch (err) {
    problem = describePollProblem(err);
    report.problem = `${problem.code}: ${problem.message}`;
  }

  for (const [i, task] of due.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    const answer = task.vendorTaskId ? answers.get(task.vendorTaskId) : undefined;
    if (answer) report.answered += 1;
    settleTask(task, answer, problem ?? { code: "not_found", message: "The vendor did not return this task." }, options);
  }
  return report;
}

function settleTask(task: SyncTaskRow, answer: VendorTask | undefined, problem: { code: string; message: string; retryAfter?: number }, o: RoundOptions) {
  const now = new Date(o.now());
  const deadline = (task.submittedAt ?? task.createdAt).getTime() + o.taskTimeoutMs;
  const minutes = o.taskTimeoutMs / 60_000;
  const clamp = (delay: number) => new Date(Math.min(now.getTime() + delay, Math.max(deadline, now.getTime())));
  if (answer) {
    const outcome = applyVendorTask(task.id, answer, { now, nextPollAt: clamp(pollDelayMs(task.pollCount, o.schedule, o.random)) });
    const open = outcome.status !== null && outcome.status !== "succeeded" && outcome.status !== "failed";
    if (open && now.getTime() >= deadline) failOpenTask(task.id, timedOutFailure(minutes, null), { now });
    return;
  }
  if (now.getTime() >= deadline) {
    failOpenTask(task.id, timedOutFailure(minutes, problem), { now });
    return;
  }
  recordPollProblem(task.id, problem, { now, nextPollAt: clamp(faultDelayMs(task.pollCount, problem.retryAfter, o.schedule, o.random)) });
}

/** Settles with the promise, or rejects as a timeout; the adapter's own timeouts end the request itself. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const seconds = Math.round(ms / 100) / 10;
    timer = setTimeout(() => reject(new VendorError("timeout", `The vendor did not answer within ${seconds} s.`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
