"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { SubmitButton, useMessageText } from "@/app/_components/form";
import { renameClipAction } from "../../_clip/actions";

/** The song title; its owner can click to rename it in place. */
export function RenameTitle({ clipId, title, canEdit }: { clipId: string; title: string; canEdit: boolean }) {
  const t = useTranslations("clip");
  const [editing, setEditing] = useState(false);
  // A successful save closes the editor; the new title is what the server stored.
  const [state, action] = useActionState(async (previous: Parameters<typeof renameClipAction>[0], form: FormData) => {
    const next = await renameClipAction(previous, form);
    if (next.ok) setEditing(false);
    return next;
  }, {});
  const shown = (state.ok ? state.values?.title : undefined) ?? title;
  const input = useRef<HTMLInputElement>(null);
  const text = useMessageText();

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const heading = (
    <h1 className="break-words text-2xl font-bold tracking-tight sm:text-3xl" data-testid="clip-title">
      {shown.trim() || t("untitled")}
    </h1>
  );
  if (!canEdit) return heading;
  if (!editing) {
    return (
      <div className="group flex items-start gap-2">
        {heading}
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="mt-1 shrink-0 rounded-md px-2 py-1 text-xs font-medium muted hover:bg-zinc-100 dark:hover:bg-zinc-800"
          data-testid="rename"
        >
          {t("rename")}
        </button>
      </div>
    );
  }
  const error = state.fieldErrors?.title?.[0] ?? state.formError;
  return (
    <form action={action} className="flex flex-wrap items-start gap-2" onKeyDown={(e) => e.key === "Escape" && setEditing(false)}>
      <input type="hidden" name="clipId" value={clipId} />
      <div className="min-w-0 flex-1">
        <input
          ref={input}
          name="title"
          defaultValue={state.values?.title ?? shown}
          maxLength={100}
          required
          aria-label={t("titleLabel")}
          aria-invalid={Boolean(error)}
          className="input text-lg font-semibold"
          data-testid="rename-input"
        />
        {error ? (
          <p role="alert" className="field-error">
            {text(error)}
          </p>
        ) : null}
      </div>
      <SubmitButton>{t("save")}</SubmitButton>
      <button type="button" className="btn-secondary" onClick={() => setEditing(false)}>
        {t("cancel")}
      </button>
    </form>
  );
}
