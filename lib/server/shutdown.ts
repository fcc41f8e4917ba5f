import { logger } from "@/lib/server/logger";
import { stopPoller } from "@/lib/server/poller";
import { closeAllStreams } from "@/lib/server/services/stream-registry";
import { stopWaveformWorker } from "@/lib/server/services/waveform-worker";
import { stopWebhookWorker } from "@/lib/server/services/webhook-worker";

// SIGTERM/SIGINT (REL-6, REL-11). Next.js's own handler stops accepting connections and
// exits once every response has ended, but an event stream never ends by itself: one
// open browser tab kept a stopping server alive for minutes. So the streams are closed
// here first (clients reconnect to the next server), the poller finishes the rounds in
// hand and releases its lease, and whatever still holds the process after the deadline
// is cut short, inside the 10 s an orchestrator waits before SIGKILL.
export const SHUTDOWN_DEADLINE_MS = 8_000;

const holder = globalThis as typeof globalThis & { __songloftShutdownHooks?: boolean };

export function shutDownOnSignals() {
  if (holder.__songloftShutdownHooks) return;
  holder.__songloftShutdownHooks = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const streams = closeAllStreams();
      // A delivery cut short stays pending under its claim and is retried after it.
      stopWebhookWorker();
      // A waveform cut short stays pending and is worked out by the next server.
      stopWaveformWorker();
      logger.info("shutting down", { signal, streams });
      setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
      // When nobody else (Next.js's own server) handles the signal, exit once the poller stopped.
      void stopPoller(5_000).finally(() => {
        if (process.listenerCount(signal) === 0) process.exit(0);
      });
    });
  }
}
