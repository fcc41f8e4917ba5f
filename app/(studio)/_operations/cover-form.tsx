"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "use-intl";
import { FormError } from "@/app/_components/form";
import { InstrumentalToggle } from "@/app/_components/instrumental-toggle";
import { Spinner } from "@/app/_components/spinner";
import { ModeSwitch, type CreateMode } from "@/app/(studio)/_create/mode-switch";
import { TextField } from "@/app/(studio)/_create/text-field";
import { useKeyedSubmit } from "@/app/(studio)/_create/use-keyed-submit";
import { isModelId, MODEL_LIMITS } from "@/lib/models";
import { coverAction } from "./actions";

/** A cover of a clip or an upload: describe the new arrangement, or give its words and style. */
export function CoverForm({ source, model, provider }: { source: { clipId: string } | { uploadId: string }; model: string | null; provider?: string }) {
  const t = useTranslations("create");
  const limits = model && isModelId(model) ? MODEL_LIMITS[model] : MODEL_LIMITS["v3.5"];
  const [state, dispatch, pending] = useActionState(coverAction, {});
  const [mode, setMode] = useState<CreateMode>((state.values?.mode as CreateMode) ?? "inspiration");
  const [text, setText] = useState({ description: "", title: "", style: "", lyrics: "" });
  const [instrumental, setInstrumental] = useState(false);
  const submit = useKeyedSubmit().submitWith(dispatch);
  const set = (field: keyof typeof text) => (value: string) => setText((prev) => ({ ...prev, [field]: value }));
  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="cover-form">
      {"clipId" in source ? <input type="hidden" name="clipId" value={source.clipId} /> : <input type="hidden" name="uploadId" value={source.uploadId} />}
      {provider ? <input type="hidden" name="provider" value={provider} /> : null}
      <FormError error={state.formError} />
      <ModeSwitch mode={mode} onChange={setMode} />
      {mode === "inspiration" ? (
        <TextField
          name="description"
          label={t("cover.description")}
          value={text.description}
          onChange={set("description")}
          max={limits.description}
          rows={3}
          placeholder={t("cover.descriptionPlaceholder")}
          errors={errors.description}
        />
      ) : (
        <>
          <TextField name="title" label={t("extend.title")} value={text.title} onChange={set("title")} max={limits.title} errors={errors.title} />
          <TextField name="style" label={t("cover.style")} value={text.style} onChange={set("style")} max={limits.style} rows={2} errors={errors.style} />
          {instrumental ? null : (
            <TextField name="lyrics" label={t("cover.lyrics")} value={text.lyrics} onChange={set("lyrics")} max={limits.lyrics} rows={8} errors={errors.lyrics} />
          )}
        </>
      )}
      <InstrumentalToggle checked={instrumental} onChange={setInstrumental} />
      <button type="submit" className="btn-primary w-full py-2.5" disabled={pending} aria-busy={pending} data-testid="cover-submit">
        {pending ? <Spinner /> : null}
        {t("cover.submit")}
      </button>
    </form>
  );
}
