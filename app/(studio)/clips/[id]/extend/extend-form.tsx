"use client";

import { useActionState, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { FormError } from "@/app/_components/form";
import { formatSeconds } from "@/app/_components/task/format";
import { InstrumentalToggle } from "@/app/_components/instrumental-toggle";
import { useKeyedSubmit } from "@/app/(studio)/_create/use-keyed-submit";
import { Spinner } from "@/app/_components/spinner";
import { TextField } from "@/app/(studio)/_create/text-field";
import type { ClipDto } from "@/lib/dto";
import { isModelId, MODEL_LIMITS } from "@/lib/models";
import { extendClipAction } from "./actions";
import { ContinueAtField } from "./continue-at-field";

type ExtendSource = Pick<ClipDto, "id" | "title" | "style" | "lyrics" | "duration" | "audioUrl" | "model">;

/**
 * Extends one clip, or an uploaded file (`source="upload"`, with the provider that
 * takes uploads): where to continue, then new words or style for the continuation.
 */
export function ExtendForm({ clip, source = "clip", provider, submitLabel }: { clip: ExtendSource; source?: "clip" | "upload"; provider?: string; submitLabel?: string }) {
  const t = useTranslations("create.extend");
  const limits = isModelId(clip.model) ? MODEL_LIMITS[clip.model] : MODEL_LIMITS["v3.5"];
  const [state, dispatch, pending] = useActionState(extendClipAction, {});
  const [text, setText] = useState({ title: clip.title, style: clip.style ?? "", lyrics: "" });
  const [instrumental, setInstrumental] = useState(!clip.lyrics);
  const submit = useKeyedSubmit().submitWith(dispatch);
  const player = useRef<HTMLAudioElement>(null);
  const set = (field: keyof typeof text) => (value: string) => setText((prev) => ({ ...prev, [field]: value }));

  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="extend-form">
      <input type="hidden" name={source === "upload" ? "uploadId" : "clipId"} value={clip.id} />
      {provider ? <input type="hidden" name="provider" value={provider} /> : null}
      <FormError error={state.formError} />
      {clip.audioUrl ? <audio ref={player} controls preload="metadata" src={clip.audioUrl} className="h-10 w-full" data-testid="extend-source-audio" /> : null}
      <ContinueAtField
        duration={clip.duration}
        initial={state.values?.continueAt ?? (clip.duration !== null ? formatSeconds(clip.duration) : "")}
        errors={errors.continueAt}
        player={player}
      />
      <TextField name="title" label={t("title")} value={text.title} onChange={set("title")} max={limits.title} errors={errors.title} />
      <TextField name="style" label={t("style")} value={text.style} onChange={set("style")} max={limits.style} rows={2} errors={errors.style} />
      <InstrumentalToggle checked={instrumental} onChange={setInstrumental} />
      {instrumental ? null : (
        <TextField
          name="lyrics"
          label={t("lyrics")}
          value={text.lyrics}
          onChange={set("lyrics")}
          max={limits.lyrics}
          rows={8}
          placeholder={t("lyricsPlaceholder")}
          errors={errors.lyrics}
        />
      )}
      <button type="submit" className="btn-primary w-full py-2.5" disabled={pending} aria-busy={pending} data-testid="extend-submit">
        {pending ? <Spinner /> : null}
        {submitLabel ?? t("submit")}
      </button>
    </form>
  );
}
