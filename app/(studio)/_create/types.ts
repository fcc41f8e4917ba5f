import type { ModelId, ModelLimits } from "@/lib/models";

/** What the create form may know about a provider: no base URL, no key (SEC-8). */
export interface ProviderOption {
  id: string;
  name: string;
  models: { id: ModelId; limits: ModelLimits }[];
}
