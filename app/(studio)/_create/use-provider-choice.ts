"use client";

import { useEffect, useState } from "react";
import type { ModelId } from "@/lib/models";
import type { ProviderOption } from "./types";

const STORAGE_KEY = "songloft.create.choice";

/**
 * The provider and model select, remembered in localStorage: the first render uses
 * the server's order (demo first on a fresh install), then the stored choice wins if
 * that provider and model are still on offer. Reused settings come first.
 */
export function useProviderChoice(providers: ProviderOption[], reused?: { provider: string; model?: string }) {
  // Reused settings name their provider and model; when still on offer they win over the stored choice.
  const fromReuse = providers.find((p) => p.id === reused?.provider);
  const first = fromReuse ?? providers[0];
  const [providerId, setProviderId] = useState(first?.id ?? "");
  const [model, setModel] = useState<ModelId | "">(first?.models.find((m) => m.id === reused?.model)?.id ?? first?.models[0]?.id ?? "");

  useEffect(() => {
    if (fromReuse) return;
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as { provider?: string; model?: string } | null;
      const provider = providers.find((p) => p.id === saved?.provider);
      if (!provider) return;
      // localStorage exists only after hydration, so the stored choice can only be applied in an effect.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setProviderId(provider.id);
      setModel(provider.models.find((m) => m.id === saved?.model)?.id ?? provider.models[0]?.id ?? "");
    } catch {
      // unreadable storage (private mode, bad JSON): keep the defaults
    }
  }, [providers, fromReuse]);

  const remember = (provider: string, chosen: string) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ provider, model: chosen }));
    } catch {
      // storage full or blocked: the choice just is not remembered
    }
  };

  const chooseProvider = (id: string) => {
    const next = providers.find((p) => p.id === id);
    // Keep the model when the new provider offers it too, else take its default.
    const nextModel = next?.models.find((m) => m.id === model)?.id ?? next?.models[0]?.id ?? "";
    setProviderId(id);
    setModel(nextModel);
    remember(id, nextModel);
  };

  const chooseModel = (id: ModelId) => {
    setModel(id);
    remember(providerId, id);
  };

  const limits = providers.find((p) => p.id === providerId)?.models.find((m) => m.id === model)?.limits;
  return { providerId, model, limits, chooseProvider, chooseModel };
}
