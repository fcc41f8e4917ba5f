import { logger } from "@/lib/server/logger";
import { processPendingWaveforms } from "./waveforms";

// The process's waveform maker, started beside the poller from instrumentation.ts. It
// runs on its own timer, one clip at a time, decoding in chunks that give the event
// loop back, so neither a request nor the poller ever waits for a decode. Archiving a
// clip's audio wakes it. Kept on globalThis (instrumentation and route handlers are
// bundled apart).

const IDLE_MS = 10_000;

interface Worker {
  timer: ReturnType<typeof setTimeout> | undefined;
  running: boolean;
  again: boolean;
  stopped: boolean;
}

const holder = globalThis as typeof globalThis & { __songloftWaveformWorker?: Worker };

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
      await processPendingWaveforms(() => worker.stopped);
    } while (worker.again && !worker.stopped);
  } catch (err) {
    logger.error("waveform round failed", { err });
  } finally {
    worker.running = false;
    if (!worker.stopped) worker.timer = setTimeout(() => void round(worker), IDLE_MS);
  }
}

export function startWaveformWorker() {
  if (holder.__songloftWaveformWorker) return;
  const worker: Worker = { timer: undefined, running: false, again: false, stopped: false };
  holder.__songloftWaveformWorker = worker;
  worker.timer = setTimeout(() => void round(worker), 1_000);
  logger.info("waveform worker started");
}

/** Looks at the queue now (a clip's audio was just archived). */
export function wakeWaveformWorker() {
  const worker = holder.__songloftWaveformWorker;
  if (worker) setImmediate(() => void round(worker));
}

export function stopWaveformWorker() {
  const worker = holder.__songloftWaveformWorker;
  if (!worker) return;
  worker.stopped = true;
  clearTimeout(worker.timer);
  holder.__songloftWaveformWorker = undefined;
}
