import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// The Prometheus metrics of this process (DESIGN "Accounts and operations"). Next.js
// bundles route handlers, instrumentation and the poller apart, so a module-level
// registry would exist once per bundle and each /metrics scrape would see only its
// own bundle's counts: the registry and every metric live on globalThis, made once per
// process by whichever bundle asks first. Nothing here touches the database; the
// gauges read from it are set at scrape time by services/metrics.ts.

/** Seconds; from a fast local answer to a vendor that blocks while it generates. */
const VENDOR_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Seconds; pages and API answers, where anything past a few seconds is an outage. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "songloft_" });
  const registers = [registry];
  return {
    registry,
    tasks: new Counter({
      name: "songloft_tasks_total",
      help: "Tasks that reached a status (submitting when asked for, then queued, running, succeeded or failed), by provider and kind.",
      labelNames: ["provider", "kind", "status"] as const,
      registers,
    }),
    tasksOpen: new Gauge({
      name: "songloft_tasks_open",
      help: "Tasks not finished yet (submitting, queued or running), by provider.",
      labelNames: ["provider"] as const,
      registers,
    }),
    vendorDuration: new Histogram({
      name: "songloft_vendor_request_duration_seconds",
      help: "Duration of HTTP calls to vendors, by provider and operation, whatever their outcome.",
      labelNames: ["provider", "operation"] as const,
      buckets: VENDOR_BUCKETS,
      registers,
    }),
    vendorErrors: new Counter({
      name: "songloft_vendor_errors_total",
      help: "Vendor calls that failed, by provider and error code (auth, quota, rate_limited, timeout, vendor_unavailable, bad_response…).",
      labelNames: ["provider", "code"] as const,
      registers,
    }),
    pollerLag: new Gauge({ name: "songloft_poller_lag_seconds", help: "How long the oldest task due for a poll has been waiting; 0 when none is due.", registers }),
    pollerDue: new Gauge({ name: "songloft_poller_due_tasks", help: "Tasks whose next poll is due now.", registers }),
    archiveBytes: new Counter({
      name: "songloft_media_archive_bytes_total",
      help: "Bytes of audio, covers and video copied into the media archive, by kind.",
      labelNames: ["kind"] as const,
      registers,
    }),
    mediaFailed: new Gauge({ name: "songloft_media_failed", help: "Archive files that failed for good (attempts used up or refused): songs without a local copy.", registers }),
    httpDuration: new Histogram({
      name: "songloft_http_request_duration_seconds",
      help: "Time until the server answered a request, by route pattern (e.g. /clips/[id]), method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

const holder = globalThis as typeof globalThis & { __songloftMetrics?: Metrics };

/** This process's metrics, made on first use. */
export function metrics(): Metrics {
  holder.__songloftMetrics ??= create();
  return holder.__songloftMetrics;
}

/** Times one vendor call and counts its failure by code; the adapter's own error passes through unchanged. */
export async function observeVendorCall<T>(labels: { provider: string; operation: string }, call: () => Promise<T>, codeOf: (err: unknown) => string): Promise<T> {
  const m = metrics();
  const end = m.vendorDuration.startTimer(labels);
  try {
    return await call();
  } catch (err) {
    m.vendorErrors.inc({ provider: labels.provider, code: codeOf(err) });
    throw err;
  } finally {
    end();
  }
}
