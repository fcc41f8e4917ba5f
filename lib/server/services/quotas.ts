import { SONG_TASK_KINDS, type TaskKind, type Viewer } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import type { QuotaLimits, QuotaPeriod, QuotaStatus, QuotaUpdate } from "@/lib/schemas/quotas";
import { countSongsForQuota, countSongsUpTo, getTeamQuotaDefaults, setTeamQuotaDefaults, setUserQuota, type QuotaSpan } from "@/lib/server/data/quotas";
import { getUserById, listUsers } from "@/lib/server/data/users";

// Spending limits (REL-13): songs per member per UTC day and calendar month. A
// member's own limit wins; without one the team default applies; without that the
// period is unlimited. What counts as a song: lib/server/data/quotas.ts. The check
// runs inside the transaction that writes the task row (generate.ts), before any
// vendor call, so two requests racing for the last song cannot both get it.

type Actor = Pick<Viewer, "role">;

function assertAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can set quotas.", { key: "common.errors.forbidden" });
}

/** Today's and this month's bounds in UTC, and when each period resets. */
export function quotaSpan(now = new Date()): QuotaSpan & { dayEnd: Date } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  return { dayStart: new Date(Date.UTC(y, m, d)), dayEnd: new Date(Date.UTC(y, m, d + 1)), monthStart: new Date(Date.UTC(y, m, 1)), monthEnd: new Date(Date.UTC(y, m + 1, 1)) };
}

export function isSongKind(kind: TaskKind): boolean {
  return (SONG_TASK_KINDS as readonly TaskKind[]).includes(kind);
}

function ownLimits(userId: string): QuotaLimits {
  const user = getUserById(userId);
  return { daily: user?.quotaDaily ?? null, monthly: user?.quotaMonthly ?? null };
}

function effective(own: QuotaLimits, team: QuotaLimits): QuotaLimits {
  return { daily: own.daily ?? team.daily, monthly: own.monthly ?? team.monthly };
}

/** What applies to the member now, and what they used. */
export function getQuotaStatus(viewer: Pick<Viewer, "id">, now = new Date()): QuotaStatus {
  const span = quotaSpan(now);
  const limits = effective(ownLimits(viewer.id), getTeamQuotaDefaults());
  const used = countSongsForQuota(viewer.id, span);
  return {
    daily: { limit: limits.daily, used: used.day, resetsAt: span.dayEnd.toISOString() },
    monthly: { limit: limits.monthly, used: used.month, resetsAt: span.monthEnd.toISOString() },
  };
}

const MONTH_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
const songs = (n: number) => `${n} ${n === 1 ? "song" : "songs"}`;

function exceeded(period: QuotaPeriod, limit: number, used: number, resetsAt: Date, now: Date): AppError {
  const message =
    period === "daily"
      ? `You have used your ${songs(limit)} for today; more tomorrow (00:00 UTC).`
      : `You have used your ${songs(limit)} for this month; more on ${MONTH_DAY.format(resetsAt)} (00:00 UTC).`;
  return new AppError("quota_exceeded", message, {
    details: { period, limit, used, resetsAt: resetsAt.toISOString() },
    retryAfter: Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)),
    key: period === "daily" ? "common.errors.quotaDaily" : "common.errors.quotaMonthly",
    params: { limit },
  });
}

/**
 * Throws quota_exceeded (429) when one more song would pass the member's limit. Call
 * it inside the write transaction that inserts the task (insertTaskOrGetExisting's
 * beforeInsert). Kinds that are not songs pass without a read.
 */
export function assertWithinQuota(ownerId: string, kind: TaskKind, now = new Date()) {
  if (!isSongKind(kind)) return;
  const limits = effective(ownLimits(ownerId), getTeamQuotaDefaults());
  if (limits.daily === null && limits.monthly === null) return;
  const span = quotaSpan(now);
  // Counted only up to each limit; the exact numbers are read only for the refusal.
  const dailyFull = limits.daily !== null && countSongsUpTo(ownerId, span.dayStart, span.dayEnd, limits.daily) >= limits.daily;
  const monthlyFull = !dailyFull && limits.monthly !== null && countSongsUpTo(ownerId, span.monthStart, span.monthEnd, limits.monthly) >= limits.monthly;
  if (!dailyFull && !monthlyFull) return;
  const used = countSongsForQuota(ownerId, span);
  if (dailyFull) throw exceeded("daily", limits.daily!, used.day, span.dayEnd, now);
  throw exceeded("monthly", limits.monthly!, used.month, span.monthEnd, now);
}

/** PUT /api/v1/users/{id}/quota: the member's own limits (null: back to the team default). */
export function setMemberQuota(actor: Actor, userId: string, update: QuotaUpdate) {
  assertAdmin(actor);
  if (!setUserQuota(userId, update)) throw new AppError("not_found", "User not found.", { key: "common.errors.not_found" });
  return memberQuota(userId);
}

function memberQuota(userId: string) {
  const own = ownLimits(userId);
  return { userId, own, effective: effective(own, getTeamQuotaDefaults()) };
}

export function getTeamQuotaDefaultsForAdmin(actor: Actor): QuotaLimits {
  assertAdmin(actor);
  return getTeamQuotaDefaults();
}

/** PUT /api/v1/quota/default: the team default (null: unlimited). */
export function setTeamQuotaDefaultsForAdmin(actor: Actor, update: QuotaUpdate): QuotaLimits {
  assertAdmin(actor);
  setTeamQuotaDefaults(update);
  return getTeamQuotaDefaults();
}

export interface MemberQuotaRow {
  userId: string;
  name: string;
  email: string;
  own: QuotaLimits;
  daily: QuotaStatus["daily"];
  monthly: QuotaStatus["monthly"];
}

/** Admin → Users and /admin/usage: every member's limits and this day's and month's songs (one index range read each). */
export function listMemberQuotas(actor: Actor, now = new Date()): { team: QuotaLimits; members: MemberQuotaRow[] } {
  assertAdmin(actor);
  const team = getTeamQuotaDefaults();
  const span = quotaSpan(now);
  const members = listUsers().map((u) => {
    const own = { daily: u.quotaDaily, monthly: u.quotaMonthly };
    const limits = effective(own, team);
    const used = countSongsForQuota(u.id, span);
    return {
      userId: u.id,
      name: u.name,
      email: u.email,
      own,
      daily: { limit: limits.daily, used: used.day, resetsAt: span.dayEnd.toISOString() },
      monthly: { limit: limits.monthly, used: used.month, resetsAt: span.monthEnd.toISOString() },
    };
  });
  return { team, members };
}
