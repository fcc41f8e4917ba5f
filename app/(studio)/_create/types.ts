import type { ModelId, ModelLimits } from "@/lib/models";

/** What the create form may know about a provider: no base URL, no key (SEC-8). */
export interface ProviderOption {
  id: string;
  name: string;
  models: { id: ModelId; limits: ModelLimits }[];
}

/** "Reuse settings": an earlier task's settings, filled into the form (`/?reuse=<taskId>`). */
export interface CreateInitial {
  provider: string;
  mode: "inspiration" | "custom";
  description?: string;
  lyrics?: string;
  title?: string;
  style?: string;
  negativeStyle?: string;
  instrumental: boolean;
  model?: string;
}
