// The built-in demo provider: an offline, keyless stand-in for a Suno relay that
// follows the same lifecycle, so the whole app can be tried (and tested end to end)
// without a vendor account. It never touches the network, the database or the disk.
import { MODEL_LIMITS, type ModelId } from "@/lib/models";
import { VendorError, type ModelInfo, type ProviderAdapter, type ProviderConfig, type SubmitResult, type VendorTask } from "../types";
import { renderDemoAsset } from "./assets";
import { describeDemoTask } from "./lifecycle";
import { decodeTaskId, encodeTaskId, lyricsToken, musicToken } from "./task-codec";
import { demoTimedLyrics } from "./timing";

export { renderDemoAsset, type DemoAsset } from "./assets";
export { DEMO_EXTEND_SECONDS, DEMO_PROGRESS_PEAK_MS, DEMO_RUNNING_AFTER_MS, DEMO_STREAMING_AFTER_MS, DEMO_SUCCEEDED_AFTER_MS, DEMO_TAKES } from "./lifecycle";
export { MAX_CLIP_SECONDS } from "./synth";

// Newest first: the first entry is the default model in the create form.
const OFFERED: ModelId[] = ["v5", "v4.5+", "v4.5", "v4", "v3.5"];
const MODELS: ModelInfo[] = OFFERED.map((id) => ({ id, vendorModel: `demo-${id}`, limits: MODEL_LIMITS[id] }));

export interface DemoAdapterOptions {
  /** The clock the lifecycle runs on; tests pass a fake one. */
  now?: () => number;
}

export function createDemoAdapter(_config: ProviderConfig, options: DemoAdapterOptions = {}): ProviderAdapter {
  const now = options.now ?? Date.now;
  return {
    protocol: "demo",
    capabilities: ["extend"],
    models: MODELS,
    batchFetch: true,
    renderLocalAsset: renderDemoAsset,

    async submitMusic(input): Promise<SubmitResult> {
      if (!OFFERED.includes(input.model)) {
        throw new VendorError("bad_request", `The demo provider does not offer model ${input.model}`);
      }
      const vendorTaskId = encodeTaskId(musicToken(input, now()));
      return { vendorTaskId, raw: { demo: true, task_id: vendorTaskId } };
    },

    async submitLyrics(input): Promise<SubmitResult> {
      const token = lyricsToken(input.prompt, now());
      const vendorTaskId = encodeTaskId(token);
      return { vendorTaskId, raw: { demo: true, task_id: vendorTaskId }, task: describeDemoTask(vendorTaskId, token, now()) };
    },

    fetchTimedLyrics: async (source) => demoTimedLyrics(source.lyrics ?? null, source.duration ?? 0),

    async fetchTasks(vendorTaskIds) {
      const at = now();
      const tasks = new Map<string, VendorTask>();
      for (const id of vendorTaskIds) {
        const token = decodeTaskId(id);
        if (token) tasks.set(id, describeDemoTask(id, token, at));
      }
      return tasks;
    },

    async testConnection() {
      return { ok: true, message: "The demo provider is built in and always available" };
    },
  };
}
