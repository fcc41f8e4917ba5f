"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "use-intl";
import { FormError } from "@/app/_components/form";
import { InstrumentalToggle } from "@/app/_components/instrumental-toggle";
import { Spinner } from "@/app/_components/spinner";
import type { TaskDto } from "@/lib/dto";
import { MODEL_LIMITS } from "@/lib/models";
import { createSongAction, type CreateState } from "./actions";
import { LyricsWriter } from "./lyrics-writer";
import { ModeSwitch, type CreateMode } from "./mode-switch";
import { ProviderModelFields } from "./provider-model-fields";
import { TextField } from "./text-field";
import type { CreateInitial, PersonaOption, ProviderOption } from "./types";
import { VoiceAndAdvanced } from "./voice-and-advanced";
import { useKeyedSubmit } from "./use-keyed-submit";
import { useProviderChoice } from "./use-provider-choice";

type TextFields = "description" | "title" | "style" | "negativeStyle" | "lyrics";

export function CreateForm({
  providers,
  personas,
  onCreated,
  onSent,
  usedUp = false,
  initial,
}: {
  providers: ProviderOption[];
  personas: PersonaOption[];
  onCreated: (task: TaskDto) => void;
  /** After every send, whatever its answer. */
  onSent?: () => void;
  /** No song is left today or this month: the button stays off (QuotaLeft says why). */
  usedUp?: boolean;
  initial?: CreateInitial;
}) {
  const t = useTranslations("create");
  const choice = useProviderChoice(providers, initial);
  const limits = choice.limits ?? MODEL_LIMITS["v3.5"];
  const [mode, setMode] = useState<CreateMode>(initial?.mode ?? "inspiration");
  const [instrumental, setInstrumental] = useState(initial?.instrumental ?? false);
  const [text, setText] = useState(() => ({
    description: initial?.description ?? "",
    title: initial?.title ?? "",
    style: initial?.style ?? "",
    negativeStyle: initial?.negativeStyle ?? "",
    lyrics: initial?.lyrics ?? "",
  }));
  const set = (field: TextFields) => (value: string) => setText((prev) => ({ ...prev, [field]: value }));

  // A success (or a key the server says is spent) starts a new idempotency key.
  const keyed = useKeyedSubmit();

  const [state, dispatch, pending] = useActionState(async (previous: CreateState, form: FormData): Promise<CreateState> => {
    const result = await createSongAction(previous, form);
    if (result.task) onCreated(result.task);
    if (result.task || result.renewKey) keyed.renew();
    onSent?.();
    return result;
  }, {});

  const submit = keyed.submitWith(dispatch);

  const errors = state.fieldErrors ?? {};
  const noProvider = providers.length === 0;
  return (
    <>
      <form onSubmit={submit} className="space-y-4" noValidate data-testid="create-form">
        <ModeSwitch mode={mode} onChange={setMode} />
        <FormError error={state.formError} />

        {mode === "inspiration" ? (
          <TextField
            name="description"
            label={t("fields.description")}
            value={text.description}
            onChange={set("description")}
            max={limits.description}
            rows={4}
            placeholder={t("fields.descriptionPlaceholder")}
            errors={errors.description}
          />
        ) : (
          <>
            <TextField
              name="title"
              label={t("fields.title")}
              value={text.title}
              onChange={set("title")}
              max={limits.title}
              placeholder={t("fields.titlePlaceholder")}
              errors={errors.title}
            />
            <TextField
              name="style"
              label={t("fields.style")}
              value={text.style}
              onChange={set("style")}
              max={limits.style}
              rows={2}
              placeholder={t("fields.stylePlaceholder")}
              errors={errors.style}
            />
            <TextField
              name="negativeStyle"
              label={t("fields.negativeStyle")}
              value={text.negativeStyle}
              onChange={set("negativeStyle")}
              max={limits.style}
              placeholder={t("fields.negativeStylePlaceholder")}
              errors={errors.negativeStyle}
            />
            {instrumental ? null : (
              <TextField
                name="lyrics"
                label={t("fields.lyrics")}
                value={text.lyrics}
                onChange={set("lyrics")}
                max={limits.lyrics}
                rows={10}
                placeholder={t("fields.lyricsPlaceholder")}
                errors={errors.lyrics}
                action={
                  <LyricsWriter
                    providerId={choice.providerId}
                    suggestedPrompt={text.title || text.description || text.style}
                    onWritten={(lyrics) => setText((prev) => ({ ...prev, lyrics: lyrics.text, title: prev.title || lyrics.title }))}
                  />
                }
              />
            )}
          </>
        )}

        <InstrumentalToggle checked={instrumental} onChange={setInstrumental} />
        {noProvider ? null : (
          <ProviderModelFields
            providers={providers}
            providerId={choice.providerId}
            model={choice.model}
            onProvider={choice.chooseProvider}
            onModel={choice.chooseModel}
            errors={{ provider: errors.provider, model: errors.model }}
          />
        )}
        {noProvider ? null : (
          <VoiceAndAdvanced
            provider={providers.find((p) => p.id === choice.providerId)}
            model={choice.model}
            personas={personas.filter((p) => p.providerId === choice.providerId)}
            errors={errors}
          />
        )}

        <button type="submit" className="btn-primary w-full py-2.5" disabled={pending || noProvider || usedUp} aria-busy={pending} data-testid="create-submit">
          {pending ? <Spinner /> : null}
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      <p className="sr-only" aria-live="polite">
        {state.ok ? t("created") : ""}
      </p>
    </>
  );
}
