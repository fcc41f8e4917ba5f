import { logger } from "@/lib/server/logger";
import { Poller, type PollerOptions } from "./poller";

// The process's one poller, started from instrumentation.ts (never by the CLI). Kept on
// globalThis: Next.js bundles instrumentation and route handlers separately, and the
// webhook route must wake the same poller the server started.

export { Poller, POLLER_LEASE, type PollerOptions, type PollerStatus, type TickReport } from "./poller";

const holder = globalThis as typeof globalThis & { __songloftPoller?: Poller };

export function startPoller(options: PollerOptions = {}): Poller {
  if (holder.__songloftPoller) return holder.__songloftPoller;
  const poller = new Poller(options);
  holder.__songloftPoller = poller;
  poller.start();
  logger.info("poller started", { holder: poller.holder });
  return poller;
}

/** Asks the running poller (if this process has one) to look for due work now. */
export function wakePoller() {
  holder.__songloftPoller?.wake();
}

export async function stopPoller(graceMs?: number) {
  const poller = holder.__songloftPoller;
  if (!poller) return;
  holder.__songloftPoller = undefined;
  await poller.stop(graceMs);
  logger.info("poller stopped", { holder: poller.holder });
}
