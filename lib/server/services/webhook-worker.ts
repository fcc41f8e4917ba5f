import { logger } from "@/lib/server/logger";
import { deliverDue, pruneOldDeliveries } from "./webhook-delivery";

// The process's webhook sender, started beside the poller from instrumentation.ts. It
// runs on its own timer and only awaits network I/O, so a slow or dead receiver never
// holds up the poller or a request: a round sends at most a few deliveries at once,
// each under its own deadline, and the next round waits for this one to end. Finishing
// a task wakes it, so a delivery usually goes out within a moment. Kept on globalThis
// (instrumentation and route handlers are bundled apart).

const IDLE_MS = 5_000;
/** How often old deliveries are pruned. */
const PRUNE_EVERY_MS = 3_600_000;

interface Worker {
  timer: ReturnType<typeof setTimeout> | undefined;
  running: boolean;
  again: boolean;
  stopped: boolean;
  prunedAt: number;
}

const holder = globalThis as typeof globalThis & { __songloftWebhookWorker?: Worker };

async function round(worker: Worker) {
  if (worker.stopped) return;
  if (worker.running) {
    worker.again = true;
    return;
  }
  clearTimeout(worker.timer);
  worker.running = true;
  try {
    do {
      worker.again = false;
      await deliverDue();
    } while (worker.again && !worker.stopped);
    if (Date.now() - worker.prunedAt >= PRUNE_EVERY_MS) {
      worker.prunedAt = Date.now();
      pruneOldDeliveries();
    }
  } catch (err) {
    logger.error("webhook round failed", { err });
  } finally {
    worker.running = false;
    if (!worker.stopped) worker.timer = setTimeout(() => void round(worker), IDLE_MS);
  }
}

export function startWebhookWorker() {
  if (holder.__songloftWebhookWorker) return;
  const worker: Worker = { timer: undefined, running: false, again: false, stopped: false, prunedAt: 0 };
  holder.__songloftWebhookWorker = worker;
  worker.timer = setTimeout(() => void round(worker), 1_000);
  logger.info("webhook worker started");
}

/** Looks for due deliveries now (a task just finished, or an admin pressed Send test). */
export function wakeWebhookWorker() {
  const worker = holder.__songloftWebhookWorker;
  if (worker) setImmediate(() => void round(worker));
}

export function stopWebhookWorker() {
  const worker = holder.__songloftWebhookWorker;
  if (!worker) return;
  worker.stopped = true;
  clearTimeout(worker.timer);
  holder.__songloftWebhookWorker = undefined;
}
