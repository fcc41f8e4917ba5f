import crypto from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { countFailedMedia } from "@/lib/server/data/media";
import { countOpenTasksByProvider, dueTaskSummary } from "@/lib/server/data/metrics";
import { metrics } from "@/lib/server/metrics";
import { providerNames } from "@/lib/server/providers/registry";

// GET /metrics (DESIGN "Accounts and operations"): Prometheus text, behind a bearer
// token of its own. Counters and histograms are kept as things happen (lib/server/metrics.ts);
// the gauges that describe the database are read here, at scrape time, from indexes.

/**
 * Without METRICS_TOKEN the endpoint does not exist (404, nothing said about why); a
 * missing or wrong token is 401. Both sides are hashed first so the comparison takes
 * the same time whatever the token's length or its first differing byte.
 */
export function authorizeMetrics(authorization: string | null): void {
  const token = env().METRICS_TOKEN;
  if (!token) throw new AppError("not_found", "Not found.");
  const given = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? "";
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  if (!crypto.timingSafeEqual(digest(given), digest(token))) {
    throw new AppError("unauthorized", "A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>).");
  }
}

/** The exposition text and its content type (text/plain; version=0.0.4). */
export async function renderMetrics(now = new Date()): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  // Every provider shows a series, 0 included, so a panel does not lose a line when its work drains.
  const open = new Map([...providerNames().keys()].map((id) => [id, 0]));
  for (const { providerId, n } of countOpenTasksByProvider()) open.set(providerId, n);
  m.tasksOpen.reset();
  for (const [provider, n] of open) m.tasksOpen.set({ provider }, n);

  const { due, oldestDueAt } = dueTaskSummary(now);
  m.pollerDue.set(due);
  m.pollerLag.set(oldestDueAt ? Math.max(0, (now.getTime() - oldestDueAt.getTime()) / 1000) : 0);
  m.mediaFailed.set(countFailedMedia());
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
