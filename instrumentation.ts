// Runs once when the server process starts. Node runtime only: the database and
// the poller never load in the edge runtime or during `next build`. The CLI calls
// boot() too, but only the server starts the poller.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { tagRequestsWithClientAddress } = await import("./lib/server/client-address");
  tagRequestsWithClientAddress();
  const { boot } = await import("./lib/server/boot");
  boot();
  const { startPoller } = await import("./lib/server/poller");
  startPoller();
  const { shutDownOnSignals } = await import("./lib/server/shutdown");
  shutDownOnSignals();
}
