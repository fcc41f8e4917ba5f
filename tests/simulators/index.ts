// Vendor simulators: real HTTP servers that speak each relay protocol, for adapter
// contract tests, poller tests, benchmarks and manual or e2e runs (serve.ts).

export { startNewapiSimulator, type NewapiSimulatorOptions } from "./newapi";
export { startNengyongaiSimulator, type NengyongaiSimulatorOptions } from "./nengyongai";
export { startSunohubSimulator, type SunohubSimulatorOptions } from "./sunohub";
export type { CallbackDelivery, Fault, SimCounts, SimProtocol, SimRequest, SimRoute, Simulator, SimulatorControl, SimulatorOptions } from "./types";
export { DEFAULT_FAIL_REASON } from "./core";
export type { SimTask, Stage, Steps } from "./tasks";
export { DEFAULT_STEPS } from "./tasks";
export { errorFixture, listFixtures, loadFixture } from "./fixtures";
