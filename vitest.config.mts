import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "") } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/statements/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PERF-7: every statement the app prepares is recorded, then EXPLAINed when the run ends.
    setupFiles: ["tests/statements/record-statements.ts"],
    globalSetup: ["tests/statements/global-setup.ts"],
    // The simulators and test servers listen on loopback: allowed by configuration, as an operator would (SEC-15).
    env: { SONGLOFT_LOG: "silent", PROVIDER_ALLOWED_HOSTS: "127.0.0.1" },
  },
});
