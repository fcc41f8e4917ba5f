import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { env } from "@/lib/env";
import { closeDb, getDb } from "@/lib/server/db/client";
import { openStoredProviderKeys } from "@/lib/server/providers/registry";
import { buildIsStale } from "./build-check";
import { loadEnvFiles } from "./load-env";

// `npm start`: build when there is no build or the source is newer than it,
// migrate, then serve on PORT (default 3000).

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function main() {
  loadEnvFiles();
  const config = env(); // fail fast on bad configuration, before a long build
  if (buildIsStale()) {
    console.log("Building Songloft (first start, or the source changed)…");
    const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  getDb(); // applies migrations
  try {
    openStoredProviderKeys();
  } catch (err) {
    console.error(`Songloft cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  closeDb();
  const args = [nextBin, "start", "-p", String(config.PORT)];
  if (config.HOSTNAME) args.push("-H", config.HOSTNAME);
  console.log(`Songloft data in ${config.dataDir}; serving on http://${config.HOSTNAME ?? "localhost"}:${config.PORT}`);
  const server = spawn(process.execPath, args, { stdio: "inherit", env: process.env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main();
