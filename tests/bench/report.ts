// What a benchmark's `run()` hands back to tests/bench/run.ts: figures with their
// target, so the summary can say which bars were met.

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** What the value is made of, e.g. "12.3 ms ÷ 4.1 ms" for a ratio. */
  detail?: string;
  /** e.g. "< 1 ms p95" */
  target?: string;
  ok?: boolean;
}

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

/** Milliseconds per call of `fn` over `samples` runs (after a warm-up), as percentiles. */
export function time(samples: number, fn: (i: number) => void, warmup = Math.min(50, samples)): Timing {
  for (let i = 0; i < warmup; i++) fn(i);
  const ms = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    ms[i] = Number(process.hrtime.bigint() - t) / 1e6;
  }
  ms.sort();
  const at = (q: number) => ms[Math.min(samples - 1, Math.floor(q * samples))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: ms[samples - 1], n: samples };
}

export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
