"use client";

import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import type { Message } from "@/lib/action-state";
import type { ModelId } from "@/lib/models";
import type { PersonaOption, ProviderOption } from "./types";

/**
 * "In the voice of" a persona (providers with personas), and the sunohub protocol's
 * knobs for the models that take them. Each appears only when the chosen provider and
 * model can use it; blank means "let the model decide".
 */
export function VoiceAndAdvanced({
  provider,
  model,
  personas,
  errors,
}: {
  provider: ProviderOption | undefined;
  model: ModelId | "";
  personas: PersonaOption[];
  errors: Record<string, Message[]>;
}) {
  const t = useTranslations("create.advanced");
  const text = useMessageText();
  const withPersona = Boolean(provider?.capabilities.includes("persona")) && personas.length > 0;
  const withKnobs = Boolean(model && provider?.advancedModels.includes(model));
  if (!withPersona && !withKnobs) return null;
  const error = (name: string) => (errors[name] ? <p className="field-error">{errors[name].map(text).join(" ")}</p> : null);
  return (
    <details
      className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
      open={Boolean(errors.personaId || errors.vocalGender || errors.weirdness || errors.styleInfluence)}
    >
      <summary className="cursor-pointer text-sm font-medium" data-testid="advanced-toggle">
        {t("summary")}
      </summary>
      <div className="mt-3 space-y-3">
        {withPersona ? (
          <div>
            <label htmlFor="create-persona" className="label">
              {t("persona")}
            </label>
            <select id="create-persona" name="personaId" className="input" defaultValue="" data-testid="persona-select">
              <option value="">{t("noPersona")}</option>
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {error("personaId")}
          </div>
        ) : null}
        {withKnobs ? (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <div>
              <label htmlFor="create-vocal-gender" className="label">
                {t("vocalGender")}
              </label>
              <select id="create-vocal-gender" name="vocalGender" className="input" defaultValue="">
                <option value="">{t("any")}</option>
                <option value="f">{t("female")}</option>
                <option value="m">{t("male")}</option>
              </select>
              {error("vocalGender")}
            </div>
            {(["weirdness", "styleInfluence"] as const).map((name) => (
              <div key={name}>
                <label htmlFor={`create-${name}`} className="label">
                  {t(name)}
                </label>
                <input id={`create-${name}`} name={name} type="number" min={0} max={100} step={1} inputMode="numeric" className="input" placeholder={t("auto")} />
                {error(name)}
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </details>
  );
}
