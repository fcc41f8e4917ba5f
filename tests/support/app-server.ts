import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildIsStale } from "../../lib/cli/build-check";

// Starts the real production server (`next start`) on 127.0.0.1 with a fresh
// DATA_DIR, for browser tests, HTTP-level integration tests and benchmarks.

const root = path.resolve(__dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const tsxBin = path.join(root, "node_modules", ".bin", "tsx");
export const distDir = process.env.NEXT_DIST_DIR || ".next";

/** Builds once per run when the build is missing or older than the source. */
export function ensureBuild() {
  if (!buildIsStale(root, distDir)) return;
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: distDir } });
  if (result.status !== 0) throw new Error("next build failed");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  port: number;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  output: () => string;
  /** Runs `npm run cli -- …` against this app's DATA_DIR. */
  cli(args: string[]): { code: number; stdout: string; stderr: string };
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Pass as a variable's value (e.g. `APP_URL: SELF_URL`) to get the server's own address, known only once its port is. */
export const SELF_URL = "{self}";

export async function startApp(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningApp> {
  const port = await freePort();
  const self = `http://127.0.0.1:${port}`;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "songloft-test-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    NEXT_DIST_DIR: distDir,
    PORT: String(port),
    SONGLOFT_LOG: process.env.SONGLOFT_TEST_LOG ?? "silent",
    NEXT_TELEMETRY_DISABLED: "1",
    // Vendor simulators listen on loopback; an operator allows a local relay the same way (SEC-15).
    PROVIDER_ALLOWED_HOSTS: "127.0.0.1",
    ...Object.fromEntries(Object.entries(options.env ?? {}).map(([name, value]) => [name, value === SELF_URL ? self : value])),
  };
  delete env.HOSTNAME;
  let out = "";
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env });
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status < 600) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Server did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    env,
    process: child,
    output: () => out,
    cli(args) {
      const r = spawnSync(tsxBin, ["lib/cli/index.ts", ...args], { cwd: root, env: { ...env, SONGLOFT_LOG: "silent" }, encoding: "utf8" });
      return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
