"use client";

import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import type { Message } from "@/lib/action-state";
import type { ModelId } from "@/lib/models";
import type { ProviderOption } from "./types";

interface Props {
  providers: ProviderOption[];
  providerId: string;
  model: ModelId | "";
  onProvider: (id: string) => void;
  onModel: (id: ModelId) => void;
  errors?: { provider?: Message[]; model?: Message[] };
}

/** Provider first, then the models that provider offers (the list follows the choice). */
export function ProviderModelFields({ providers, providerId, model, onProvider, onModel, errors }: Props) {
  const t = useTranslations("create");
  const text = useMessageText();
  const models = providers.find((p) => p.id === providerId)?.models ?? [];
  const errorText = (list: Message[]) => list.map(text).join(" ");
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_8rem]">
      <div>
        <label htmlFor="create-provider" className="label">
          {t("fields.provider")}
        </label>
        <select id="create-provider" name="provider" className="input" value={providerId} onChange={(e) => onProvider(e.target.value)} aria-invalid={Boolean(errors?.provider)}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {errors?.provider ? <p className="field-error">{errorText(errors.provider)}</p> : null}
      </div>
      <div>
        <label htmlFor="create-model" className="label">
          {t("fields.model")}
        </label>
        <select id="create-model" name="model" className="input" value={model} onChange={(e) => onModel(e.target.value as ModelId)} aria-invalid={Boolean(errors?.model)}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
            </option>
          ))}
        </select>
        {errors?.model ? <p className="field-error">{errorText(errors.model)}</p> : null}
      </div>
    </div>
  );
}
