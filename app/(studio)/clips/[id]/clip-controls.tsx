"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { setVisibilityAction } from "../../_clip/actions";

/** Copies the page's own address: the bookmarkable link a teammate can open. */
export function CopyLinkButton({ path }: { path: string }) {
  const t = useTranslations("clip");
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    const url = new URL(path, window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Clipboard access needs a secure context (https or localhost); show the link instead.
      window.prompt(t("copyPrompt"), url);
      setCopied(false);
    }
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <button type="button" className="btn-secondary" onClick={copy} data-testid="copy-link">
      <LinkIcon />
      <span aria-live="polite">{copied ? t("copied") : t("copyLink")}</span>
    </button>
  );
}

/** Owner only: who may see the song. */
export function VisibilityToggle({ clipId, visibility: initial }: { clipId: string; visibility: "team" | "private" }) {
  const t = useTranslations("clip.visibility");
  const [visibility, setVisibility] = useState(initial);
  const [failed, setFailed] = useState(false);
  const [pending, start] = useTransition();
  const choose = (next: "team" | "private") => {
    if (next === visibility) return;
    const before = visibility;
    setVisibility(next);
    start(async () => {
      const result = await setVisibilityAction(clipId, next);
      setFailed(!result.ok);
      setVisibility(result.visibility ?? before);
    });
  };
  return (
    <fieldset className="space-y-1.5" data-testid="visibility">
      <legend className="mb-1.5 text-xs font-semibold uppercase tracking-wide muted">{t("label")}</legend>
      <div className="inline-flex rounded-lg border border-zinc-300 p-0.5 dark:border-zinc-700" role="radiogroup" aria-label={t("label")}>
        {(["team", "private"] as const).map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={visibility === option}
            disabled={pending}
            onClick={() => choose(option)}
            data-testid={`visibility-${option}`}
            className={`rounded-md px-3 py-1.5 text-sm font-medium transition ${
              visibility === option ? "bg-accent-600 text-white shadow-sm" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            }`}
          >
            {t(option)}
          </button>
        ))}
      </div>
      <p className="text-xs muted">{failed ? t("failed") : visibility === "team" ? t("teamHint") : t("privateHint")}</p>
    </fieldset>
  );
}

function LinkIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
      <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />
    </svg>
  );
}
