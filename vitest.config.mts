import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Every vendor fixture a test parses is appended here (tests/simulators/fixtures.ts);
// one file per run, named by this process and its start time.
const fixtureRecord = path.join(os.tmpdir(), `songloft-fixtures-${process.pid}-${Math.round(performance.timeOrigin)}.log`);
// Unit tests sit beside their modules; integration tests drive several layers against a real database and simulators.
const unit = ["lib/**/*.test.ts", "app/**/*.test.ts", "tests/statements/**/*.test.ts"];
const integration = ["tests/integration/**/*.test.ts"];
const fixtureCoverage = "lib/server/providers/fixture-coverage.test.ts";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "") } },
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PERF-7: every statement the app prepares is recorded, then EXPLAINed when the run ends.
    setupFiles: ["tests/statements/record-statements.ts"],
    globalSetup: ["tests/statements/global-setup.ts"],
    // The simulators and test servers listen on loopback: allowed by configuration, as an operator would (SEC-15).
    env: { SONGLOFT_LOG: "silent", PROVIDER_ALLOWED_HOSTS: "127.0.0.1", SONGLOFT_FIXTURE_RECORD: fixtureRecord },
    // `npx vitest run --project unit` (or integration) runs one kind. The fixture coverage
    // check reads what the whole suite parsed, so it runs in a group of its own, after it.
    projects: [
      { extends: true, test: { name: "unit", include: unit, exclude: [...configDefaults.exclude, fixtureCoverage] } },
      { extends: true, test: { name: "integration", include: integration } },
      { extends: true, test: { name: "fixture-coverage", include: [fixtureCoverage], sequence: { groupOrder: 1 } } },
    ],
  },
});
