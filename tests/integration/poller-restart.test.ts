import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generationBodySchema } from "@/lib/schemas/generate";
import { getLease } from "@/lib/server/data/leases";
import { POLLER_LEASE } from "@/lib/server/poller";
import { submitGeneration } from "@/lib/server/services/generate";
import { startNewapiSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { waitFor } from "../support/wait-for";
import { clipsOf, makeDue, taskRow } from "./generate-support";

// REL-4 and REL-6 with real processes: the poller runs in child processes against the
// same SQLite file; one is killed with SIGKILL mid-task and a new one finishes the
// work with no duplicate clips and no second submit.

const root = path.resolve(__dirname, "../..");
const child = path.join(__dirname, "poller-restart-child.ts");

let sim: Simulator;
let db: TestDb;
const children: ChildProcess[] = [];

interface Child {
  process: ChildProcess;
  isLeader(): boolean;
  reports(): number;
  exited: Promise<number | null>;
}

function spawnPoller(): Child {
  // Node itself with tsx's loader: one process, so SIGKILL hits the poller and not a wrapper.
  const proc = spawn(process.execPath, ["--import", "tsx", child], {
    cwd: root,
    env: { ...process.env, DATA_DIR: db.dataDir, DEMO_PROVIDER: "off", NEWAPI_BASE_URL: sim.url, NEWAPI_API_KEY: sim.key, SONGLOFT_LOG: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(proc);
  let leader = false;
  let reports = 0;
  let buffer = "";
  proc.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      leader = (JSON.parse(line) as { leader: boolean }).leader;
      reports += 1;
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { process: proc, isLeader: () => leader, reports: () => reports, exited };
}

beforeAll(async () => {
  sim = await startNewapiSimulator({ steps: { queuedMs: 200, streamingMs: 2_500 } });
  db = openTestDb({ DEMO_PROVIDER: "off", NEWAPI_BASE_URL: sim.url, NEWAPI_API_KEY: sim.key });
});
afterEach(async () => {
  for (const proc of children.splice(0)) if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
});
afterAll(async () => {
  await sim.stop();
  db.cleanup();
});

describe("poller processes", () => {
  it("lets only one of two processes poll the same database (REL-6)", async () => {
    const a = spawnPoller();
    const b = spawnPoller();
    await waitFor(() => a.reports() > 3 && b.reports() > 3, { timeoutMs: 20_000, what: "both processes to report" });
    // Six more lease rounds in each process, counted in their own reports: a second leader would show.
    const [seenA, seenB] = [a.reports(), b.reports()];
    await waitFor(() => a.reports() > seenA + 5 && b.reports() > seenB + 5, { timeoutMs: 20_000, what: "more rounds in both processes" });
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);

    // SIGTERM: the leader stops claiming, releases the lease and exits cleanly; the other takes over.
    const [leader, standby] = a.isLeader() ? [a, b] : [b, a];
    leader.process.kill("SIGTERM");
    expect(await leader.exited).toBe(0);
    await waitFor(() => standby.isLeader(), { timeoutMs: 20_000, what: "the standby to take over" });
    standby.process.kill("SIGTERM");
    expect(await standby.exited).toBe(0);
    expect(getLease(POLLER_LEASE)).toBeUndefined();
  });

  it("finishes a task after the poller is killed with SIGKILL mid-task (REL-4)", async () => {
    const owner = createUser({ name: "Owner" });
    const first = spawnPoller();
    await waitFor(() => first.isLeader(), { timeoutMs: 20_000, what: "the first process to lead" });

    const { task } = await submitGeneration(owner, generationBodySchema.parse({ provider: "newapi", description: "survive a crash" }));
    makeDue(task.id);
    await waitFor(() => taskRow(task.id).status === "running" && clipsOf(task.id).length > 0, { timeoutMs: 20_000, what: "the task to be running with a clip" });
    first.process.kill("SIGKILL");
    await first.exited;
    const midway = taskRow(task.id);
    expect(midway.status).toBe("running");

    const second = spawnPoller();
    await waitFor(() => taskRow(task.id).status === "succeeded", { timeoutMs: 20_000, what: "the task to finish after the restart" });
    await waitFor(() => second.isLeader(), { timeoutMs: 5_000, what: "the new process to report its lease" });

    const clips = clipsOf(task.id);
    expect(clips).toHaveLength(2);
    expect(new Set(clips.map((c) => c.vendorClipId)).size).toBe(2);
    expect(clips.every((c) => c.state === "succeeded")).toBe(true);
    expect(sim.control.counts().submit).toBe(1);
    second.process.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
