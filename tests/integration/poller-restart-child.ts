// A stand-in for the server process in the restart tests: boots against DATA_DIR,
// runs the real poller with short intervals, and prints its lease status every 50 ms
// as a JSON line. Run with `node --import tsx tests/integration/poller-restart-child.ts`.
import { boot } from "@/lib/server/boot";
import { startPoller } from "@/lib/server/poller";
import { shutDownOnSignals } from "@/lib/server/shutdown";

boot();
const poller = startPoller({ tickMs: 25, baseIntervalMs: 50, maxIntervalMs: 100, media: false });
shutDownOnSignals();
setInterval(() => {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, leader: poller.status().leader })}\n`);
}, 50);
