import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import type { TaskDto } from "@/lib/dto";
import { generationBodySchema } from "@/lib/schemas/generate";
import { Poller, startPoller, stopPoller } from "@/lib/server/poller";
import { submitGeneration } from "@/lib/server/services/generate";
import { openTaskStream } from "@/lib/server/services/task-stream";
import { makeDue, startWebhookServer, taskRow } from "@/tests/integration/generate-support";
import { startNewapiSimulator } from "@/tests/simulators";
import { createUser, openTestDb } from "@/tests/support/db";
import { fmt, type BenchFigure } from "./report";

// PERF-4 and PERF-6 with 1,000 tasks in flight on the newapi simulator (a batch-capable
// protocol), in one process over real HTTP:
// - vendor requests per poll round, and what 50 viewers of one task add to that;
// - time from a vendor callback to the change reaching an open event stream, with the
//   server's poller at its production settings and the 1,000 tasks polling beside it.
// Run alone: npx tsx tests/bench/poller.bench.ts (BENCH_TASKS, BENCH_CALLBACKS to change sizes).

const TASKS = Number(process.env.BENCH_TASKS ?? 1_000);
const CALLBACK_SAMPLES = Number(process.env.BENCH_CALLBACKS ?? 30);
const ROUNDS = 3;
const VIEWERS = 50;

export async function run(log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  process.env.SONGLOFT_LOG = "silent";
  const hooks = await startWebhookServer();
  // Nothing finishes on its own during the run: every task stays in flight.
  const sim = await startNewapiSimulator({ steps: { queuedMs: 30 * 60_000, streamingMs: 30 * 60_000 } });
  // The simulator listens on loopback: allowed by configuration, as an operator allows a local relay (SEC-15).
  const db = openTestDb({ DEMO_PROVIDER: "off", APP_URL: hooks.url, NEWAPI_BASE_URL: sim.url, NEWAPI_API_KEY: sim.key, PROVIDER_ALLOWED_HOSTS: "127.0.0.1" });
  const figures: BenchFigure[] = [];
  try {
    const owner = createUser({ name: "Bench" });
    const taskIds = await submitMany(owner, TASKS);
    log(`poller bench: ${taskIds.length} tasks in flight on the newapi simulator`);
    figures.push(...(await pollRounds(taskIds, sim, log)));
    figures.push(...(await callbackToStream(owner, taskIds, sim, log)));
  } finally {
    await stopPoller(1_000);
    await sim.stop();
    await hooks.stop();
    db.cleanup();
  }
  return figures;
}

async function submitMany(owner: { id: string }, count: number): Promise<string[]> {
  const ids: string[] = [];
  const input = generationBodySchema.parse({ provider: "newapi", description: "benchmark song" });
  for (let i = 0; i < count; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => submitGeneration(owner, input)));
    ids.push(...batch.map((b) => b.task.id));
  }
  return ids;
}

type Sim = Awaited<ReturnType<typeof startNewapiSimulator>>;

/** PERF-4: every task due, one tick, count the vendor's requests. */
async function pollRounds(taskIds: string[], sim: Sim, log: (line: string) => void): Promise<BenchFigure[]> {
  const poller = new Poller({ media: false, fetchTimeoutMs: 60_000 });
  let worst = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const id of taskIds) makeDue(id);
    sim.control.reset();
    const started = performance.now();
    const report = await poller.tick();
    const ms = performance.now() - started;
    const { fetch, fetchedIds } = sim.control.counts();
    const polled = report.rounds.reduce((n, r) => n + r.tasks, 0);
    const per100 = (fetch / polled) * 100;
    worst = Math.max(worst, per100);
    log(`  round ${round}: ${polled} tasks, ${fetch} vendor requests (${fetchedIds} ids), ${per100.toFixed(2)} per 100 tasks, ${fmt(ms)} ms`);
  }

  // 50 viewers on one task: streams read the database only.
  const viewer = { id: taskRow(taskIds[0]).ownerId };
  const aborts = Array.from({ length: VIEWERS }, () => new AbortController());
  const streams = aborts.map((a) => openTaskStream(taskIds[0], viewer, a.signal, { recheckMs: 250 })!);
  const drains = streams.map((s) => s.pipeTo(new WritableStream()).catch(() => undefined));
  sim.control.reset();
  await sleep(2_000);
  const byViewers = sim.control.counts().api;
  for (const id of taskIds) makeDue(id);
  sim.control.reset();
  await poller.tick();
  const withViewers = sim.control.counts().fetch;
  aborts.forEach((a) => a.abort());
  await Promise.all(drains);
  await poller.stop();
  log(`  ${VIEWERS} viewers of one task for 2 s: ${byViewers} vendor requests; a round with them watching: ${withViewers} requests`);

  return [
    { name: "vendor requests per 100 tasks per poll round", value: worst, unit: "requests", target: "≤ 1", ok: worst <= 1 },
    { name: `vendor requests caused by ${VIEWERS} viewers`, value: byViewers, unit: "requests", target: "0", ok: byViewers === 0 },
  ];
}

/** PERF-6: the vendor finishes a task and calls back; how long until an open stream shows it. */
async function callbackToStream(owner: { id: string }, taskIds: string[], sim: Sim, log: (line: string) => void): Promise<BenchFigure[]> {
  startPoller({ media: false });
  const samples: number[] = [];
  for (let i = 0; i < CALLBACK_SAMPLES; i++) {
    const taskId = taskIds[1 + i];
    const vendorTaskId = taskRow(taskId).vendorTaskId!;
    const abort = new AbortController();
    const stream = openTaskStream(taskId, owner, abort.signal)!;
    let finished: number | null = null;
    const reading = readUntil(
      stream,
      (task) => task.status === "succeeded",
      () => (finished = performance.now()),
    );
    await sleep(150 + Math.random() * 600); // land at different points of the poller's own rounds
    const calledBack = performance.now();
    sim.control.finishTask(vendorTaskId); // the simulator POSTs the callback right away
    await Promise.race([reading, sleep(30_000)]);
    abort.abort();
    if (finished === null) throw new Error(`task ${taskId} never reached the stream`);
    samples.push((finished as number) - calledBack);
  }
  await stopPoller(1_000);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  const [p50, p95, max] = [at(0.5), at(0.95), samples.at(-1)!];
  log(`  callback → open stream over ${samples.length} callbacks: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms, max ${fmt(max)} ms`);
  return [{ name: "callback to open stream p95", value: p95, unit: "ms", target: "< 1000 ms", ok: p95 < 1_000 }];
}

async function readUntil(stream: ReadableStream<Uint8Array>, done: (task: TaskDto) => boolean, onDone: () => void) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const data = buffer
        .slice(0, end)
        .split("\n")
        .find((line) => line.startsWith("data: "));
      buffer = buffer.slice(end + 2);
      if (data && done(JSON.parse(data.slice(6)) as TaskDto)) return onDone();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run()
    .then((figures) => {
      for (const f of figures) console.log(`${f.ok ? "ok " : "MISS"} ${f.name}: ${fmt(f.value)} ${f.unit} (target ${f.target})`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
