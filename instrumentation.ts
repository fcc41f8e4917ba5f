// Runs once when the server process starts. Node runtime only: the database and
// the poller never load in the edge runtime or during `next build`. The CLI calls
// boot() too, but only the server starts the poller.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: Next.js looks for a tracer provider when it handles one.
  const { timeRequestsByRoute } = await import("./lib/server/http-metrics");
  timeRequestsByRoute();
  const { tagRequestsWithClientAddress } = await import("./lib/server/client-address");
  tagRequestsWithClientAddress();
  const { boot } = await import("./lib/server/boot");
  try {
    boot();
  } catch (err) {
    // A server that cannot read its own data must not start half-working.
    console.error(`Songloft cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const { startPoller } = await import("./lib/server/poller");
  startPoller();
  // Team webhooks go out on their own timer: a slow receiver never holds up the poller.
  const { startWebhookWorker } = await import("./lib/server/services/webhook-worker");
  startWebhookWorker();
  // Waveforms are decoded one clip at a time on a timer of their own, off the request path and the poller.
  const { startWaveformWorker } = await import("./lib/server/services/waveform-worker");
  startWaveformWorker();
  // Vendor balances for Admin → Providers, read on a timer of their own so no request or poll round waits for them.
  const { startBalanceRefresher } = await import("./lib/server/services/provider-balance");
  startBalanceRefresher();
  const { shutDownOnSignals } = await import("./lib/server/shutdown");
  shutDownOnSignals();
}
