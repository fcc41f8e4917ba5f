import { getLease } from "@/lib/server/data/leases";
import { countFailedMedia } from "@/lib/server/data/media";
import { mediaQueuePause } from "@/lib/server/services/archive-media";
import { getDb } from "@/lib/server/db/client";
import { POLLER_LEASE } from "./poller";

// REL-8: the app is healthy when the database answers and some process holds a live
// poller lease with a recent heartbeat (this one or another on the same database).
// The media archive is reported but does not decide `ok` (REL-10): with failed
// downloads or a full disk the app still serves and generates songs, so a load
// balancer must keep sending traffic; monitoring alerts on `media.failed` > 0 or
// `media.paused` instead.

export interface Health {
  ok: boolean;
  db: boolean;
  poller: { running: boolean; heartbeatAt: string | null; lagSeconds: number | null };
  /** Failed archive rows (songs without a local copy), and whether a full disk paused the queue. */
  media: { failed: number | null; paused: boolean; pausedUntil: string | null };
}

/** A heartbeat older than this means the poller is stuck even if its lease has not expired yet. */
const MAX_LAG_MS = 60_000;

export function checkHealth(now = Date.now()): Health {
  let db = false;
  let lease: ReturnType<typeof getLease>;
  let failed: number | null = null;
  try {
    getDb().$client.prepare("SELECT 1").get();
    db = true;
    lease = getLease(POLLER_LEASE);
    failed = countFailedMedia();
  } catch {
    lease = undefined;
  }
  const pause = mediaQueuePause(new Date(now));
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
    media: { failed, paused: pause !== null, pausedUntil: pause?.until.toISOString() ?? null },
  };
}
