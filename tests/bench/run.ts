import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fmt, type BenchFigure } from "./report";

// `npm run bench [-- name…]`: runs every tests/bench/*.bench.ts that exports
// `run(log)` (or only those whose file name contains one of the given names), then
// prints one summary with the machine it ran on. Figures are reported, not
// asserted: speed targets live here, never in timed tests.

type BenchModule = { run?: (log: (line: string) => void) => Promise<BenchFigure[] | void> };

function machine(): string[] {
  const cpus = os.cpus();
  const [one, five] = os.loadavg();
  return [
    `cpu      ${cpus[0]?.model.trim() ?? "unknown"} × ${cpus.length} (available parallelism ${os.availableParallelism()})`,
    `memory   ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `node     ${process.version} on ${os.platform()} ${os.release()} (${os.arch()})`,
    `load     ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) at start of summary`,
  ];
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
    .sort();
  const results: { file: string; figures: BenchFigure[]; error?: unknown; seconds: number }[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchModule;
    if (typeof mod.run !== "function") continue;
    console.log(`\n=== ${file} ===`);
    const started = performance.now();
    try {
      results.push({ file, figures: (await mod.run(console.log)) ?? [], seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      console.error(error);
      results.push({ file, figures: [], error, seconds: (performance.now() - started) / 1000 });
    }
  }

  console.log("\n=== summary ===");
  for (const line of machine()) console.log(line);
  for (const { file, figures, error, seconds } of results) {
    console.log(`\n${file} (${seconds.toFixed(0)} s)${error ? `  FAILED: ${error instanceof Error ? error.message : String(error)}` : ""}`);
    for (const f of figures) {
      const verdict = f.target ? `${f.target.padEnd(16)} ${f.ok ? "ok" : "MISSED"}` : "";
      const detail = f.detail ? `${f.detail.padEnd(24)} ` : "";
      console.log(`  ${f.name.padEnd(48)} ${fmt(f.value).padStart(10)} ${f.unit.padEnd(6)} ${detail}${verdict}`);
    }
  }
  if (results.length === 0) console.log("no benchmark matched");
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
