import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeClip, softDeleteClip } from "@/lib/server/data/clips";
import { getUsageReport, type UsagePeriod, type UsageReport } from "@/lib/server/data/usage";
import { getDb } from "@/lib/server/db/client";
import { tasks, type User } from "@/lib/server/db/schema";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";

// The usage counters, kept by triggers as tasks and clips come, change and go, give
// the same report as a full GROUP BY recount over tasks and clips, for any period;
// and the report never reads tasks or clips to get there.

let env: TestDb;
const PROVIDERS = ["demo", "newapi", "sunohub"];
const CODES = ["moderation", "no_balance", null];

// A fixed pseudo-random sequence, so a failure replays the same workload.
let seed = 7;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);

function at(): Date {
  // Jan–May 2024, with a share right on either side of midnight UTC.
  const day = Date.UTC(2024, 0, 1) + rand(150) * 86_400_000;
  const edge = [0, 86_400_000 - 1][rand(4)];
  return new Date(day + (edge ?? rand(86_400_000)));
}

function workload(members: User[]) {
  const db = getDb();
  for (let i = 0; i < 400; i++) {
    const owner = members[rand(members.length)];
    const providerId = PROVIDERS[rand(PROVIDERS.length)];
    const createdAt = at();
    const { id } = createTask(owner, { providerId, status: "running", createdAt });
    // Polling touches status without changing what is counted.
    db.update(tasks).set({ status: "running", progress: 50 }).where(eq(tasks.id, id)).run();
    if (rand(3) === 0) {
      db.update(tasks)
        .set({ status: "failed", errorCode: CODES[rand(CODES.length)] })
        .where(eq(tasks.id, id))
        .run();
      // A failed task without clips can be deleted; the app never does, but counters follow.
      if (rand(5) === 0) db.delete(tasks).where(eq(tasks.id, id)).run();
      continue;
    }
    db.update(tasks).set({ status: "succeeded" }).where(eq(tasks.id, id)).run();
    for (let take = 0; take < 2; take++) {
      const clip = createClip(owner, { taskId: id, providerId, createdAt: new Date(createdAt.getTime() + rand(2) * 86_400_000), position: take });
      if (rand(4) === 0) {
        softDeleteClip({ clipId: clip.id, ownerId: owner.id });
        if (rand(2) === 0) purgeClip({ clipId: clip.id, ownerId: owner.id });
      }
    }
  }
}

/** The same figures the slow way: GROUP BY over every task and clip in the period. */
function recount(p: UsagePeriod) {
  const sqlite = getDb().$client;
  const where = "created_at >= ? AND created_at < ?";
  const bounds = [p.from?.getTime() ?? -Infinity, p.to?.getTime() ?? Infinity];
  const month = "strftime('%Y-%m', created_at / 1000, 'unixepoch')";
  const by = (key: string) => {
    const out = new Map<string, { tasks: number; failedTasks: number; clips: number }>();
    const entry = (k: string) => out.get(k) ?? out.set(k, { tasks: 0, failedTasks: 0, clips: 0 }).get(k)!;
    const taskRows = sqlite.prepare(`SELECT ${key} AS k, count(*) AS n, sum(status = 'failed') AS f FROM tasks WHERE ${where} GROUP BY k`).all(...bounds) as {
      k: string;
      n: number;
      f: number;
    }[];
    for (const r of taskRows) Object.assign(entry(r.k), { tasks: r.n, failedTasks: r.f });
    const clipRows = sqlite.prepare(`SELECT ${key} AS k, count(*) AS n FROM clips WHERE ${where} GROUP BY k`).all(...bounds) as { k: string; n: number }[];
    for (const r of clipRows) entry(r.k).clips = r.n;
    return Object.fromEntries(out);
  };
  const failures = sqlite
    .prepare(`SELECT coalesce(error_code, 'unknown') AS code, count(*) AS count FROM tasks WHERE status = 'failed' AND ${where} GROUP BY code`)
    .all(...bounds) as { code: string; count: number }[];
  return { byMember: by("owner_id"), byProvider: by("provider_id"), byMonth: by(month), failures: Object.fromEntries(failures.map((f) => [f.code, f.count])) };
}

function keyed(report: UsageReport) {
  const counts = ({ tasks, failedTasks, clips }: { tasks: number; failedTasks: number; clips: number }) => ({ tasks, failedTasks, clips });
  return {
    byMember: Object.fromEntries(report.byMember.map((r) => [r.userId, counts(r)])),
    byProvider: Object.fromEntries(report.byProvider.map((r) => [r.providerId, counts(r)])),
    byMonth: Object.fromEntries(report.byMonth.map((r) => [r.month, counts(r)])),
    failures: Object.fromEntries(report.failures.map((f) => [f.code, f.count])),
  };
}

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const PERIODS: [string, UsagePeriod][] = [
  ["all time", {}],
  ["one month", { from: day("2024-02-01"), to: day("2024-03-01") }],
  ["partial months at both ends", { from: day("2024-01-17"), to: day("2024-04-10") }],
  ["a single day", { from: day("2024-03-05"), to: day("2024-03-06") }],
  ["from a day on", { from: day("2024-03-15") }],
  ["up to a day", { to: day("2024-02-20") }],
];

beforeAll(() => {
  env = openTestDb({ NEWAPI_BASE_URL: "https://relay.example.com", NEWAPI_API_KEY: "test-key", SUNOHUB_BASE_URL: "https://hub.example.com", SUNOHUB_API_KEY: "test-key" });
  workload([createUser({ name: "Ann" }), createUser({ name: "Ben" }), createUser({ name: "Cai" })]);
});
afterAll(() => env.cleanup());

describe("usage counters", () => {
  it.each(PERIODS)("equal a full recount: %s", (_, period) => {
    const expected = recount(period);
    expect(Object.keys(expected.byMonth).length).toBeGreaterThan(0);
    expect(keyed(getUsageReport(period))).toEqual(expected);
  });

  it("hide members whose every clip and task is gone", () => {
    const gone = createUser({ name: "Dee" });
    const clip = createClip(gone, { createdAt: day("2024-06-02") });
    softDeleteClip({ clipId: clip.id, ownerId: gone.id });
    purgeClip({ clipId: clip.id, ownerId: gone.id });
    getDb().delete(tasks).where(eq(tasks.id, clip.taskId)).run();
    expect(getUsageReport().byMember.map((m) => m.name)).not.toContain("Dee");
    expect(getUsageReport({ from: day("2024-06-01") }).byMember).toEqual([]);
  });

  it("read only the counters, never tasks or clips", () => {
    const sqlite = getDb().$client;
    const statements: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => (statements.push(source), prepare(source))) as typeof sqlite.prepare;
    try {
      for (const [, period] of PERIODS) getUsageReport(period);
    } finally {
      sqlite.prepare = prepare;
    }
    expect(statements.length).toBeGreaterThan(0);
    for (const source of statements) {
      const params = (source.match(/\?/g) ?? []).map(() => "2024-01-01");
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("; ");
      expect(plan, source).not.toMatch(/\b(tasks|clips)\b/);
    }
  });
});
