"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError, SubmitButton, useMessageText } from "@/app/_components/form";
import { PLAYLIST_DESCRIPTION_MAX, PLAYLIST_NAME_MAX } from "@/lib/schemas/playlists";
import type { Visibility } from "@/lib/dto";
import { createPlaylistAction, updatePlaylistAction, type PlaylistFormState } from "./actions";

type Initial = { id: string; name: string; description: string | null; visibility: Visibility };

/** "New playlist" (no `playlist`) or the owner's "Edit details": name, description, visibility, with field errors. */
export function PlaylistForm({ playlist }: { playlist?: Initial }) {
  const t = useTranslations("playlists");
  const text = useMessageText();
  const [state, action] = useActionState<PlaylistFormState, FormData>(playlist ? updatePlaylistAction : createPlaylistAction, {});
  const values = state.values ?? { name: playlist?.name ?? "", description: playlist?.description ?? "", visibility: playlist?.visibility ?? "team" };
  const prefix = playlist ? "edit" : "new";
  const descriptionErrors = state.fieldErrors?.description;
  return (
    <form action={action} className="space-y-4" noValidate data-testid={`${prefix}-playlist-form`}>
      {playlist ? <input type="hidden" name="playlistId" value={playlist.id} /> : null}
      <FormError error={state.formError} />
      <Field id={`${prefix}-playlist-name`} label={t("name")} name="name" required maxLength={PLAYLIST_NAME_MAX} defaultValue={values.name} errors={state.fieldErrors?.name} />
      <div>
        <label htmlFor={`${prefix}-playlist-description`} className="label">
          {t("description")}
        </label>
        <textarea
          id={`${prefix}-playlist-description`}
          name="description"
          rows={3}
          maxLength={PLAYLIST_DESCRIPTION_MAX}
          defaultValue={values.description}
          className="input"
          aria-invalid={Boolean(descriptionErrors?.length)}
          aria-describedby={descriptionErrors?.length ? `${prefix}-playlist-description-error` : undefined}
        />
        {descriptionErrors?.length ? (
          <p id={`${prefix}-playlist-description-error`} className="field-error" role="alert">
            {descriptionErrors.map(text).join(" ")}
          </p>
        ) : (
          <p className="mt-1 text-xs muted">{t("descriptionHint")}</p>
        )}
      </div>
      <fieldset>
        <legend className="label">{t("visibility")}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(["team", "private"] as const).map((v) => (
            <label key={v} className="flex items-center gap-2">
              <input type="radio" name="visibility" value={v} defaultChecked={values.visibility === v} />
              {t(v === "team" ? "visibilityTeam" : "visibilityPrivate")}
            </label>
          ))}
        </div>
        {state.fieldErrors?.visibility?.length ? (
          <p className="field-error" role="alert">
            {state.fieldErrors.visibility.map(text).join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton>{t(playlist ? "save" : "create")}</SubmitButton>
        {state.ok ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {t("saved")}
          </p>
        ) : null}
      </div>
    </form>
  );
}
