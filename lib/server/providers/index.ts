import { createDemoAdapter } from "./demo";
import { createNengyongaiAdapter } from "./nengyongai";
import { createNewapiAdapter } from "./newapi";
import { createSunohubAdapter } from "./sunohub";
import type { ProviderAdapter, ProviderConfig } from "./types";
import type { AdapterOptions } from "./vendor-http";

// The registry: the only place that picks an adapter for a protocol.

export type { AdapterOptions } from "./vendor-http";

export function createAdapter(config: ProviderConfig, options: AdapterOptions = {}): ProviderAdapter {
  switch (config.protocol) {
    case "newapi":
      return createNewapiAdapter(config, options);
    case "nengyongai":
      return createNengyongaiAdapter(config, options);
    case "sunohub":
      return createSunohubAdapter(config, options);
    case "demo":
      return createDemoAdapter(config);
    default: {
      const unknown: never = config.protocol;
      throw new Error(`Unknown provider protocol: ${String(unknown)}`);
    }
  }
}
