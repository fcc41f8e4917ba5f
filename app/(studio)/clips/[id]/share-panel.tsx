"use client";

import { CopyField } from "@/app/_components/copy-field";
import { useActionState } from "react";
import { useTranslations } from "use-intl";
import { FormError, SubmitButton } from "@/app/_components/form";
import { LocalTime } from "@/app/_components/local-time";
import type { ShareDto } from "@/lib/dto";
import { createShareAction, revokeShareAction, type ShareState } from "../../_clip/share-actions";

const EXPIRY_CHOICES = [1, 7, 30, 90] as const;

/** What a panel shares: a song, or a playlist (whose embed is a taller list player). */
export type ShareTarget = { kind: "clip" | "playlist"; id: string };

/** The owner's share links for this song or playlist: make one (with an optional expiry), copy it or its embed code, revoke. */
export function SharePanel({ target, shares }: { target: ShareTarget; shares: ShareDto[] }) {
  const t = useTranslations("clip.share");
  const [state, action] = useActionState<ShareState, FormData>(createShareAction, {});
  const origin = typeof window !== "undefined" ? window.location.origin : "";
  const latest = state.url ?? shares.find((s) => s.state === "active")?.url;
  const link = latest ? `${origin}${latest}` : null;
  const field = target.kind === "playlist" ? "playlistId" : "clipId";
  const height = target.kind === "playlist" ? 360 : 120;
  const embed = link ? `<iframe src="${link}/embed" width="480" height="${height}" style="border:0" allow="autoplay" loading="lazy"></iframe>` : null;
  return (
    <section className="card space-y-4 p-4" data-testid="share-panel">
      <div>
        <h2 className="text-sm font-semibold">{t("title")}</h2>
        <p className="text-xs muted">{t(target.kind === "playlist" ? "playlistLead" : "lead")}</p>
      </div>
      <form action={action} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name={field} value={target.id} />
        <div>
          <label htmlFor="share-expiry" className="label">
            {t("expiry")}
          </label>
          <select id="share-expiry" name="expiresInDays" className="input" defaultValue="never">
            <option value="never">{t("never")}</option>
            {EXPIRY_CHOICES.map((d) => (
              <option key={d} value={d}>
                {t("days", { count: d })}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton className="btn-secondary">{t("create")}</SubmitButton>
      </form>
      <FormError error={state.formError ?? state.fieldErrors?.expiresInDays?.[0]} />
      {link && embed ? (
        <div className="space-y-3 rounded-lg border border-accent-500/40 bg-accent-50 p-3 text-sm dark:bg-accent-600/10">
          <div>
            <p className="mb-1">{t("ready")}</p>
            <CopyField label={t("ready")} value={link} testId="share-link" />
          </div>
          <div>
            <p className="mb-1">{t("embedLead")}</p>
            <CopyField label={t("embedLead")} value={embed} testId="share-embed-code" />
          </div>
        </div>
      ) : null}
      {shares.length > 0 ? (
        <div>
          <h3 className="mb-2 text-xs font-semibold">{t(target.kind === "playlist" ? "playlistLinks" : "links")}</h3>
          <ul className="space-y-2 text-xs" data-testid="share-list">
            {shares.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono">…{s.url.slice(-6)}</span>
                <span className="badge">{t(`states.${s.state}`)}</span>
                <span className="muted">{t("views", { count: s.views })}</span>
                <span className="muted">
                  {s.expiresAt ? (
                    <>
                      {t("expires")} <LocalTime iso={s.expiresAt} mode="date" />
                    </>
                  ) : (
                    t("noExpiry")
                  )}
                </span>
                <form action={revokeShareAction}>
                  <input type="hidden" name="shareId" value={s.id} />
                  <input type="hidden" name={field} value={target.id} />
                  <button type="submit" className="btn-danger py-1 text-xs">
                    {t("revoke")}
                  </button>
                </form>
                <span className="w-full muted">
                  <LocalTime iso={s.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
