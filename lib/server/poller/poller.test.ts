import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generationBodySchema } from "@/lib/schemas/generate";
import { acquireLease, getLease } from "@/lib/server/data/leases";
import { insertTaskOrGetExisting } from "@/lib/server/data/tasks";
import { newId } from "@/lib/server/ids";
import { submitGeneration } from "@/lib/server/services/generate";
import { fastPoller, taskRow } from "@/tests/integration/generate-support";
import { createUser, openTestDb, type TestDb } from "@/tests/support/db";
import { checkHealth } from "./health";
import { isHolderDead } from "./holder";
import { POLLER_LEASE } from "./poller";

// The poller's own rules, with the offline demo provider: one lease holder per
// database, a dead holder replaced at once, lost submissions failed (never resent),
// the deadline, and the health report built on the heartbeat.

let db: TestDb;
let owner: ReturnType<typeof createUser>;

beforeAll(() => {
  db = openTestDb({ DEMO_PROVIDER: "on" });
  owner = createUser({ name: "Owner" });
});
afterAll(() => db.cleanup());

/** A pid that is certainly not running on this machine. */
const DEAD_PID = 4_194_304 + 17;

describe("lease (REL-6)", () => {
  it("lets only one of two pollers on a database poll, and hands over when it stops", async () => {
    const a = fastPoller();
    const b = fastPoller();
    expect((await a.tick()).leader).toBe(true);
    expect((await b.tick()).leader).toBe(false);
    expect((await a.tick()).leader).toBe(true);
    expect(getLease(POLLER_LEASE)?.holder).toBe(a.holder);
    await a.stop();
    expect((await b.tick()).leader).toBe(true);
    expect(getLease(POLLER_LEASE)?.holder).toBe(b.holder);
    await b.stop();
  });

  it("takes over at once from a holder on this machine whose process is gone", async () => {
    const ghost = `${os.hostname()}/${DEAD_PID}/ghost`;
    expect(isHolderDead(ghost)).toBe(true);
    expect(acquireLease(POLLER_LEASE, ghost, new Date(), 60_000)).toBe(true);
    const poller = fastPoller();
    expect((await poller.tick()).leader).toBe(true);
    await poller.stop();
  });

  it("waits for the lease of a holder elsewhere to expire", async () => {
    const remote = `another-host.example/${process.pid}/remote`;
    expect(isHolderDead(remote)).toBe(false);
    const now = Date.now();
    acquireLease(POLLER_LEASE, remote, new Date(now), 30_000);
    const early = fastPoller({ now: () => now + 10_000 });
    expect((await early.tick()).leader).toBe(false);
    await early.stop();
    const late = fastPoller({ now: () => now + 31_000 });
    expect((await late.tick()).leader).toBe(true);
    await late.stop();
  });

  it("keeps the lease of a live poller in this process", () => {
    const live = fastPoller();
    expect(isHolderDead(live.holder)).toBe(false);
    return live.stop().then(() => expect(isHolderDead(live.holder)).toBe(true));
  });
});

describe("recovery (REL-4)", () => {
  it("fails a submission that never got a vendor id, without resubmitting it", async () => {
    const created = new Date(Date.now() - 10 * 60_000);
    const { task } = insertTaskOrGetExisting({
      id: newId(),
      ownerId: owner.id,
      providerId: "demo",
      kind: "music",
      request: { mode: "inspiration", description: "lost", instrumental: false, model: "v5" },
      status: "submitting",
      createdAt: created,
      nextPollAt: new Date(created.getTime() + 4 * 60_000),
    });
    const poller = fastPoller();
    expect((await poller.tick()).stuck).toBe(1);
    await poller.stop();
    const row = taskRow(task.id);
    expect(row).toMatchObject({ status: "failed", errorCode: "submit_timeout", vendorTaskId: null });
    expect(row.errorMessage).toBe("The vendor did not answer; it may still have created a task.");
  });

  it("leaves a submission still inside its deadline alone", async () => {
    const { task } = insertTaskOrGetExisting({
      id: newId(),
      ownerId: owner.id,
      providerId: "demo",
      kind: "music",
      request: { mode: "inspiration", description: "in flight", instrumental: false, model: "v5" },
      status: "submitting",
      nextPollAt: new Date(Date.now() + 60_000),
    });
    const poller = fastPoller();
    expect((await poller.tick()).stuck).toBe(0);
    await poller.stop();
    expect(taskRow(task.id).status).toBe("submitting");
  });

  it("fails a task the vendor has not finished by the deadline as timed out", async () => {
    const { task } = await submitGeneration(owner, generationBodySchema.parse({ description: "slow" }));
    const poller = fastPoller({ now: () => Date.now() + 5_500, taskTimeoutMs: 5_000 });
    const report = await poller.tick();
    await poller.stop();
    expect(report.rounds).toEqual([expect.objectContaining({ providerId: "demo", answered: 1 })]);
    const row = taskRow(task.id);
    expect(row).toMatchObject({ status: "failed", errorCode: "timed_out", nextPollAt: null });
    expect(row.errorMessage).toMatch(/^Timed out: the vendor did not finish within/);
  });
});

describe("health (REL-8)", () => {
  it("reports the heartbeat while a poller holds the lease, and fails once it is stale", async () => {
    const poller = fastPoller({ leaseTtlMs: 10_000 });
    await poller.tick();
    const now = Date.now();
    const healthy = checkHealth(now);
    expect(healthy).toMatchObject({ ok: true, db: true, poller: { running: true } });
    expect(healthy.poller.lagSeconds).toBeLessThan(5);

    const stale = checkHealth(now + 11_000);
    expect(stale).toMatchObject({ ok: false, db: true, poller: { running: false } });
    await poller.stop();
    expect(checkHealth()).toMatchObject({ ok: false, poller: { running: false, heartbeatAt: null } });
  });
});
