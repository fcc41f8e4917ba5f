import type { Capability } from "@/lib/domain";
import type { ModelId, ModelLimits } from "@/lib/models";

/** What the create form may know about a provider: no base URL, no key (SEC-8). */
export interface ProviderOption {
  id: string;
  name: string;
  models: { id: ModelId; limits: ModelLimits }[];
  /** What the provider offers besides a plain song (the form shows the persona picker only with `persona`). */
  capabilities: Capability[];
  /** Models that take vocal gender, weirdness and style influence. */
  advancedModels: ModelId[];
}

/** A persona a song can be sung in; only its own provider can use it. */
export interface PersonaOption {
  id: string;
  name: string;
  providerId: string;
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
