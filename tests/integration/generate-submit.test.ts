import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generationBodySchema } from "@/lib/schemas/generate";
import { submitGeneration } from "@/lib/server/services/generate";
import { startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type Fault, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { clipsOf, countTasks, fastPoller, pollUntilDone, stopPollers, taskRow } from "./generate-support";

// Submitting against the simulators over real HTTP: the task row exists before the
// vendor is called, a repeat of the idempotency key never calls the vendor again, and
// every way a submit can fail ends the task failed with a plain reason and exactly
// one vendor call (REL-4: never retried blindly).

let db: TestDb;
let owner: ReturnType<typeof createUser>;
const sims: Record<"newapi" | "nengyongai" | "sunohub", Simulator> = {} as never;

beforeAll(async () => {
  sims.newapi = await startNewapiSimulator();
  sims.nengyongai = await startNengyongaiSimulator();
  sims.sunohub = await startSunohubSimulator();
  db = openTestDb({
    DEMO_PROVIDER: "off",
    NEWAPI_BASE_URL: sims.newapi.url,
    NEWAPI_API_KEY: sims.newapi.key,
    NENGYONGAI_BASE_URL: sims.nengyongai.url,
    NENGYONGAI_API_KEY: sims.nengyongai.key,
    SUNOHUB_BASE_URL: sims.sunohub.url,
    SUNOHUB_API_KEY: sims.sunohub.key,
  });
  owner = createUser({ name: "Owner" });
});
afterEach(() => Object.values(sims).forEach((s) => s.control.reset()));
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.stop()));
  db.cleanup();
});

const input = (provider: string, extra: Record<string, unknown> = {}) =>
  generationBodySchema.parse({ provider, mode: "custom", lyrics: "[Verse]\nlights on the water", style: "city pop", ...extra });

describe("idempotency", () => {
  it("returns the same task for the same key and calls the vendor once", async () => {
    const first = await submitGeneration(owner, input("newapi"), { idempotencyKey: "form-abc" });
    const second = await submitGeneration(owner, input("newapi"), { idempotencyKey: "form-abc" });
    expect(second.task.id).toBe(first.task.id);
    expect(second.created).toBe(false);
    expect(sims.newapi.control.counts().submit).toBe(1);
  });

  it("makes one task and one vendor call from a double click", async () => {
    const before = countTasks();
    const clicks = await Promise.all(Array.from({ length: 5 }, () => submitGeneration(owner, input("sunohub"), { idempotencyKey: "double-click" })));
    expect(new Set(clicks.map((c) => c.task.id)).size).toBe(1);
    expect(clicks.filter((c) => c.created)).toHaveLength(1);
    expect(countTasks()).toBe(before + 1);
    expect(sims.sunohub.control.counts().submit).toBe(1);
  });

  it("keeps keys per person: the same key from someone else is a new task", async () => {
    const other = createUser({ name: "Other" });
    const mine = await submitGeneration(owner, input("nengyongai"), { idempotencyKey: "shared-key" });
    const theirs = await submitGeneration(other, input("nengyongai"), { idempotencyKey: "shared-key" });
    expect(theirs.task.id).not.toBe(mine.task.id);
    expect(sims.nengyongai.control.counts().submit).toBe(2);
  });

  it("answers a repeat of a refused submission with the same failed task, without calling again", async () => {
    sims.newapi.control.inject("submit", { kind: "fixture", name: "error_401_invalid_token" });
    const first = await submitGeneration(owner, input("newapi"), { idempotencyKey: "refused" });
    const again = await submitGeneration(owner, input("newapi"), { idempotencyKey: "refused" });
    expect(again).toMatchObject({ created: false, rejected: true, task: { id: first.task.id, status: "failed" } });
    expect(sims.newapi.control.counts().submit).toBe(1);
  });
});

const FAILURES: Array<{ provider: keyof typeof sims; fault: Fault; code: string; message: string | RegExp }> = [
  { provider: "newapi", fault: { kind: "fixture", name: "error_401_invalid_token" }, code: "auth", message: "The vendor rejected the API key." },
  { provider: "sunohub", fault: { kind: "fixture", name: "error_401_invalid_token" }, code: "auth", message: "The vendor rejected the API key." },
  { provider: "newapi", fault: { kind: "fixture", name: "error_403_insufficient_user_quota" }, code: "quota", message: "Not enough credit at the vendor." },
  { provider: "newapi", fault: { kind: "fixture", name: "error_401_token_exhausted" }, code: "quota", message: "Not enough credit at the vendor." },
  { provider: "sunohub", fault: { kind: "fixture", name: "error_403_used_up" }, code: "quota", message: "Not enough credit at the vendor." },
  {
    provider: "sunohub",
    fault: { kind: "fixture", name: "error_403_moderation" },
    code: "moderation",
    message: "The prompt was refused by moderation: Song Description contained artist name: eminem",
  },
  { provider: "newapi", fault: { kind: "fixture", name: "error_400_invalid_request" }, code: "bad_request", message: /^The vendor refused the request: / },
  { provider: "newapi", fault: { kind: "fixture", name: "error_503_no_channel" }, code: "vendor_unavailable", message: /^The vendor is unavailable right now: / },
  { provider: "nengyongai", fault: { kind: "reset" }, code: "vendor_unavailable", message: /^The vendor is unavailable right now: Could not reach the vendor/ },
  { provider: "nengyongai", fault: { kind: "html" }, code: "bad_response", message: /^The vendor is not working properly: / },
  { provider: "newapi", fault: { kind: "rate-limit", retryAfter: 30 }, code: "rate_limited", message: /too many requests/ },
  {
    provider: "sunohub",
    fault: { kind: "truncated" },
    code: "bad_response",
    message: "The vendor's answer could not be read; it may still have created a task.",
  },
];

describe("a submit the vendor refuses", () => {
  it.each(FAILURES)("$provider $fault.kind $fault.name → $code", async ({ provider, fault, code, message }) => {
    sims[provider].control.inject("submit", fault);
    const outcome = await submitGeneration(owner, input(provider));
    expect(outcome.rejected).toBe(true);
    expect(outcome.task.status).toBe("failed");
    expect(outcome.task.error?.code).toBe(code);
    if (typeof message === "string") expect(outcome.task.error?.message).toBe(message);
    else expect(outcome.task.error?.message).toMatch(message);

    // Only an answer with the vendor's own words has any; a dropped connection or an HTML page has none.
    const said = outcome.task.error?.vendorMessage;
    if (fault.kind === "fixture" || fault.kind === "rate-limit") expect(said).toEqual(expect.any(String));
    else expect(said).toBeNull();

    const row = taskRow(outcome.task.id);
    expect(row.vendorTaskId).toBeNull();
    expect(row.nextPollAt).toBeNull();
    expect(row.errorDetails).toMatchObject({ vendorCode: expect.any(String), problem: expect.any(String), vendorMessage: said });
    expect(sims[provider].control.counts().submit).toBe(1);
  });

  it("never leaks the API key into what it keeps", async () => {
    sims.newapi.control.inject("submit", { kind: "echo-auth" });
    const outcome = await submitGeneration(owner, input("newapi"));
    expect(outcome.task.error?.code).toBe("auth");
    const stored = JSON.stringify(taskRow(outcome.task.id));
    expect(stored).not.toContain(sims.newapi.key);
    expect(stored).not.toContain(sims.newapi.key.replace(/^sk-/, ""));
  });
});

describe("extend", () => {
  it.each(["newapi", "sunohub"] as const)("continues a %s clip at a chosen second and records the lineage", async (provider) => {
    const sim = sims[provider];
    sim.control.setSteps({ queuedMs: 50, streamingMs: 150 });
    const poller = fastPoller();
    const original = await submitGeneration(owner, input(provider));
    await pollUntilDone(poller, original.task.id);
    const [source] = clipsOf(original.task.id).sort((a, b) => a.position - b.position);

    const ext = await submitGeneration(owner, generationBodySchema.parse({ mode: "custom", lyrics: "[Bridge]\nagain", extend: { clipId: source.id, continueAt: 1.5 } }));
    expect(ext.task).toMatchObject({ kind: "extend", providerId: provider, request: { extend: { clipId: source.id, continueAt: 1.5 }, style: "city pop" } });
    const sent = sim.requests.filter((r) => r.route === "submit").at(-1)?.body as Record<string, unknown>;
    if (provider === "newapi") {
      expect(sent).toMatchObject({ task: "extend", continue_clip_id: source.vendorClipId, task_id: taskRow(original.task.id).vendorTaskId, continue_at: 1.5 });
    } else {
      expect(sent).toMatchObject({ action: "extend", audio_id: source.vendorClipId, continue_at: 1.5, lyric: "[Bridge]\nagain" });
    }
    const done = await pollUntilDone(poller, ext.task.id);
    await stopPollers();
    expect(done.status).toBe("succeeded");
    const children = clipsOf(ext.task.id);
    expect(children).toHaveLength(2);
    expect(children.every((c) => c.parentClipId === source.id && c.continueAt === 1.5)).toBe(true);
  });
});

describe("callback URL", () => {
  it("passes a per-task secret URL when APP_URL is set and stores only its hash", async () => {
    db.setEnv({
      DEMO_PROVIDER: "off",
      APP_URL: "https://songs.example.test",
      NEWAPI_BASE_URL: sims.newapi.url,
      NEWAPI_API_KEY: sims.newapi.key,
    });
    const a = await submitGeneration(owner, input("newapi"));
    const b = await submitGeneration(owner, input("newapi"));
    const hooks = sims.newapi.requests.filter((r) => r.route === "submit").map((r) => (r.body as { notify_hook: string }).notify_hook);
    expect(hooks).toHaveLength(2);
    for (const hook of hooks) expect(hook).toMatch(/^https:\/\/songs\.example\.test\/api\/webhooks\/newapi\/[A-Za-z0-9_-]{43}$/);
    expect(hooks[0]).not.toBe(hooks[1]);
    const rows = [taskRow(a.task.id), taskRow(b.task.id)];
    for (const [i, row] of rows.entries()) {
      expect(row.callbackSecretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(hooks[i].split("/").at(-1));
    }
  });
});
