import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUsageReport } from "@/lib/server/data/usage";
import type { User } from "@/lib/server/db/schema";
import { createClip, createTask, createUser, openTestDb, type TestDb } from "../support/db";

// /admin/usage figures: tasks and clips per member, per provider and per month, and
// why tasks failed, over the whole history or a period.

let env: TestDb;
let ann: User;
let ben: User;

function task(owner: User, providerId: string, at: string, failure?: string) {
  const { id } = createTask(owner, { providerId, status: failure ? "failed" : "succeeded", errorCode: failure ?? null, createdAt: new Date(at) });
  if (!failure) for (let take = 0; take < 2; take++) createClip(owner, { taskId: id, providerId, createdAt: new Date(at), position: take });
}

beforeAll(() => {
  env = openTestDb({ NEWAPI_BASE_URL: "https://relay.example.com", NEWAPI_API_KEY: "test-key" });
  ann = createUser({ name: "Ann" });
  ben = createUser({ name: "Ben" });
  task(ann, "demo", "2024-01-05T10:00:00Z");
  task(ann, "newapi", "2024-01-20T10:00:00Z");
  task(ann, "newapi", "2024-02-02T10:00:00Z", "moderation");
  task(ben, "newapi", "2024-02-10T10:00:00Z");
  task(ben, "newapi", "2024-02-11T10:00:00Z", "no_balance");
  task(ben, "demo", "2024-02-12T10:00:00Z", "moderation");
});
afterAll(() => env.cleanup());

describe("usage report", () => {
  it("counts tasks, failures and clips per member, provider and month", () => {
    const report = getUsageReport();
    expect(report.byMember).toEqual([
      { userId: ann.id, name: "Ann", tasks: 3, failedTasks: 1, clips: 4 },
      { userId: ben.id, name: "Ben", tasks: 3, failedTasks: 2, clips: 2 },
    ]);
    expect(report.byProvider).toEqual([
      { providerId: "newapi", name: "new-api relay", tasks: 4, failedTasks: 2, clips: 4 },
      { providerId: "demo", name: "Demo (offline)", tasks: 2, failedTasks: 1, clips: 2 },
    ]);
    expect(report.byMonth).toEqual([
      { month: "2024-02", tasks: 4, failedTasks: 3, clips: 2 },
      { month: "2024-01", tasks: 2, failedTasks: 0, clips: 4 },
    ]);
    expect(report.failures).toEqual([
      { code: "moderation", count: 2 },
      { code: "no_balance", count: 1 },
    ]);
  });

  it("limits every figure to a period", () => {
    const report = getUsageReport({ from: new Date("2024-02-01T00:00:00Z"), to: new Date("2024-02-11T00:00:00Z") });
    expect(report.byMonth).toEqual([{ month: "2024-02", tasks: 2, failedTasks: 1, clips: 2 }]);
    expect(report.failures).toEqual([{ code: "moderation", count: 1 }]);
    // Ties in tasks go to whoever got more clips out of them.
    expect(report.byMember.map((m) => [m.name, m.tasks, m.clips])).toEqual([
      ["Ben", 1, 2],
      ["Ann", 1, 0],
    ]);
  });
});
