import { startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type Simulator } from "./index";

// Starts all three vendor simulators on fixed ports for manual runs and e2e tests:
//   npx tsx tests/simulators/serve.ts
// Env: SIM_HOST (127.0.0.1), SIM_NEWAPI_PORT (4101), SIM_NENGYONGAI_PORT (4102),
// SIM_SUNOHUB_PORT (4103), SIM_NEWAPI_KEY / SIM_NENGYONGAI_KEY / SIM_SUNOHUB_KEY,
// SIM_QUEUED_MS (2000), SIM_STREAMING_MS (6000).
// Prints the lines to paste into .env, then runs until interrupted.

const env = process.env;
const num = (value: string | undefined, fallback: number) => (value && Number.isFinite(Number(value)) ? Number(value) : fallback);
const host = env.SIM_HOST ?? "127.0.0.1";
const steps = { queuedMs: num(env.SIM_QUEUED_MS, 2000), streamingMs: num(env.SIM_STREAMING_MS, 6000) };

async function main() {
  const sims: Array<[string, Simulator]> = [
    ["NEWAPI", await startNewapiSimulator({ host, steps, port: num(env.SIM_NEWAPI_PORT, 4101), key: env.SIM_NEWAPI_KEY ?? "sk-sim-newapi" })],
    ["NENGYONGAI", await startNengyongaiSimulator({ host, steps, port: num(env.SIM_NENGYONGAI_PORT, 4102), key: env.SIM_NENGYONGAI_KEY ?? "sk-sim-nengyongai" })],
    ["SUNOHUB", await startSunohubSimulator({ host, steps, port: num(env.SIM_SUNOHUB_PORT, 4103), key: env.SIM_SUNOHUB_KEY ?? "sk-sim-sunohub" })],
  ];
  for (const [name, sim] of sims) {
    console.log(`${name}_BASE_URL=${sim.url}`);
    console.log(`${name}_API_KEY=${sim.key}`);
  }
  console.log(`MEDIA_ALLOWED_HOSTS=${sims.map(([, s]) => new URL(s.url).host).join(",")}`);
  console.log(`PROVIDER_ALLOWED_HOSTS=${sims.map(([, s]) => new URL(s.url).host).join(",")}`);
  console.log("simulators ready");

  const shutdown = async () => {
    await Promise.all(sims.map(([, s]) => s.stop()));
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
