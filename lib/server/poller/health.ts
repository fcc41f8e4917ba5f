import { getLease } from "@/lib/server/data/leases";
import { getDb } from "@/lib/server/db/client";
import { POLLER_LEASE } from "./poller";

// REL-8: the app is healthy when the database answers and some process holds a live
// poller lease with a recent heartbeat (this one or another on the same database).

export interface Health {
  ok: boolean;
  db: boolean;
  poller: { running: boolean; heartbeatAt: string | null; lagSeconds: number | null };
}

/** A heartbeat older than this means the poller is stuck even if its lease has not expired yet. */
const MAX_LAG_MS = 60_000;

export function checkHealth(now = Date.now()): Health {
  let db = false;
  let lease: ReturnType<typeof getLease>;
  try {
    getDb().$client.prepare("SELECT 1").get();
    db = true;
    lease = getLease(POLLER_LEASE);
  } catch {
    lease = undefined;
  }
  const heartbeat = lease?.heartbeatAt.getTime() ?? null;
  const lagMs = heartbeat === null ? null : Math.max(0, now - heartbeat);
  const running = Boolean(lease && lease.expiresAt.getTime() > now && lagMs !== null && lagMs <= MAX_LAG_MS);
  return {
    ok: db && running,
    db,
    poller: {
      running,
      heartbeatAt: heartbeat === null ? null : new Date(heartbeat).toISOString(),
      lagSeconds: lagMs === null ? null : Math.round(lagMs / 100) / 10,
    },
  };
}
