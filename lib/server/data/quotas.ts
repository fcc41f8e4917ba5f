import { eq, inArray } from "drizzle-orm";
import { SONG_TASK_KINDS } from "@/lib/domain";
import { getDb, perConnection } from "@/lib/server/db/client";
import { settings, users } from "@/lib/server/db/schema";

// Songs counted against a member's quota (REL-13), their own limits and the team's
// default. What counts as a song is decided here, once: every task of a kind that
// makes new clips (SONG_TASK_KINDS: music, extend, cover, concat, stems) the member
// submitted in the period, whatever became of it, except a task that failed before
// the vendor accepted it (no vendor task id): the vendor never charged for that one.
// A task the vendor accepted and later failed still counts; new-api refunds its
// quota, others may not, and a song that can be retried endlessly for free would make
// the limit no limit. Lyrics, WAV, video, persona and upload tasks never count.
//
// Counted from the tasks themselves through tasks_owner_created_idx (owner, a range of
// created_at), not from the usage counters: those count every kind and every failure,
// which is not this definition. A month is at most a few thousand rows of one member.

// Constants of the code, never input: safe to write into the statement.
const SONG_KINDS_SQL = SONG_TASK_KINDS.map((k) => `'${k}'`).join(", ");

const countStatement = perConnection((db) =>
  db.$client.prepare(
    `SELECT count(*) AS month, coalesce(sum(created_at >= @dayStart), 0) AS day FROM tasks INDEXED BY tasks_owner_created_idx
      WHERE owner_id = @ownerId AND created_at >= @monthStart AND created_at < @monthEnd
        AND kind IN (${SONG_KINDS_SQL})
        AND (status <> 'failed' OR vendor_task_id IS NOT NULL)`,
  ),
);

// The check before each song runs inside the write transaction, so it reads no more
// than it must: it stops at the limit (a member with thousands of tasks this month and
// a limit of 200 costs 200 index steps, not thousands).
const cappedStatement = perConnection((db) =>
  db.$client.prepare(
    `SELECT count(*) AS n FROM (SELECT 1 FROM tasks INDEXED BY tasks_owner_created_idx
      WHERE owner_id = @ownerId AND created_at >= @from AND created_at < @to
        AND kind IN (${SONG_KINDS_SQL})
        AND (status <> 'failed' OR vendor_task_id IS NOT NULL)
      LIMIT @cap)`,
  ),
);

/** The member's songs in [from, to), counted up to `cap` at most. */
export function countSongsUpTo(ownerId: string, from: Date, to: Date, cap: number): number {
  return (cappedStatement().get({ ownerId, from: from.getTime(), to: to.getTime(), cap }) as { n: number }).n;
}

export interface QuotaSpan {
  /** 00:00 UTC today. */
  dayStart: Date;
  /** 00:00 UTC on the 1st of this month. */
  monthStart: Date;
  /** 00:00 UTC on the 1st of next month. */
  monthEnd: Date;
}

/** The member's songs today and this month (today is inside this month), in one index range read. */
export function countSongsForQuota(ownerId: string, span: QuotaSpan): { day: number; month: number } {
  const row = countStatement().get({ ownerId, dayStart: span.dayStart.getTime(), monthStart: span.monthStart.getTime(), monthEnd: span.monthEnd.getTime() }) as {
    day: number;
    month: number;
  };
  return { day: row.day, month: row.month };
}

export const QUOTA_SETTING_KEYS = { daily: "quota.daily", monthly: "quota.monthly" } as const;
export type QuotaLimitPair = { daily: number | null; monthly: number | null };

const limitOf = (value: unknown): number | null => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null);

/** The team default per period; absent or null: unlimited. */
export function getTeamQuotaDefaults(): QuotaLimitPair {
  const rows = getDb()
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, Object.values(QUOTA_SETTING_KEYS)))
    .all();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return { daily: limitOf(byKey.get(QUOTA_SETTING_KEYS.daily)), monthly: limitOf(byKey.get(QUOTA_SETTING_KEYS.monthly)) };
}

/** Sets the fields given; null removes the default (unlimited). */
export function setTeamQuotaDefaults(values: Partial<QuotaLimitPair>, now = new Date()) {
  const db = getDb();
  db.transaction(
    () => {
      for (const period of ["daily", "monthly"] as const) {
        const value = values[period];
        if (value === undefined) continue;
        const key = QUOTA_SETTING_KEYS[period];
        if (value === null) db.delete(settings).where(eq(settings.key, key)).run();
        else
          db.insert(settings)
            .values({ key, value, updatedAt: now })
            .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
            .run();
      }
    },
    { behavior: "immediate" },
  );
}

/** Sets the member's own limits given; null hands the period back to the team default. False when no such user. */
export function setUserQuota(userId: string, values: Partial<QuotaLimitPair>): boolean {
  const set = {
    ...(values.daily !== undefined ? { quotaDaily: values.daily } : {}),
    ...(values.monthly !== undefined ? { quotaMonthly: values.monthly } : {}),
  };
  if (Object.keys(set).length === 0) return getDb().select({ id: users.id }).from(users).where(eq(users.id, userId)).get() !== undefined;
  return getDb().update(users).set(set).where(eq(users.id, userId)).run().changes > 0;
}
