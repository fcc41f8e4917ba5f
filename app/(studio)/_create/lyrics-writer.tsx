"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { Spinner } from "@/app/_components/spinner";
import { useMessageText } from "@/app/_components/form";
import { describeTaskError } from "@/app/_components/task/task-error";
import { UNEXPECTED } from "@/lib/action-state";
import { isTerminal, waitForTask } from "@/app/_components/task-subscription";
import { writeLyricsAction } from "./actions";
import { newIdempotencyKey } from "./idempotency-key";

const WAIT_LIMIT_MS = 5 * 60_000;

interface Props {
  providerId: string;
  /** What the person already wrote (title, description), offered as the prompt. */
  suggestedPrompt: string;
  onWritten: (lyrics: { title: string; text: string }) => void;
}

/** "Write lyrics for me": asks what the song is about, runs a lyrics task, waits for its result. */
export function LyricsWriter({ providerId, suggestedPrompt, onWritten }: Props) {
  const t = useTranslations("create.lyricsWriter");
  const text = useMessageText();
  const tt = useTranslations("tasks");
  const [open, setOpen] = useState(false);
  const [prompt, setPrompt] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const panelId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const toggle = () => {
    if (!open && !prompt) setPrompt(suggestedPrompt);
    setError(null);
    setOpen(!open);
  };

  const write = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const answer = await writeLyricsAction({ provider: providerId, prompt, idempotencyKey: newIdempotencyKey() });
      if (!answer.task) {
        setError(text(answer.formError ?? Object.values(answer.fieldErrors ?? {})[0]?.[0] ?? UNEXPECTED));
        return;
      }
      // Some vendors (and the demo) answer with the written lyrics at once.
      const task = isTerminal(answer.task.status) ? answer.task : await waitForTask(answer.task.id, AbortSignal.timeout(WAIT_LIMIT_MS));
      if (task.result) {
        onWritten(task.result);
        setOpen(false);
        setNotice(t("done"));
      } else {
        const reason = task.error ? describeTaskError(tt, task.error).headline : tt("errors.no_output");
        setError(t("failed", { reason }));
      }
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === "TimeoutError";
      setError(t("failed", { reason: timedOut ? t("timedOut") : t("unreachable") }));
    } finally {
      setBusy(false);
    }
  };

  // The panel is positioned against the lyrics field around this button (TextField is `relative`), so it lies over the box it fills.
  return (
    <div>
      <button
        type="button"
        onClick={toggle}
        aria-expanded={open}
        aria-controls={panelId}
        className="inline-flex items-center gap-1 text-xs font-medium text-accent-600 hover:text-accent-700 hover:underline disabled:opacity-60 dark:text-accent-400"
        data-testid="write-lyrics"
      >
        <SparkleIcon />
        {busy ? t("writing") : t("open")}
      </button>
      <span className="sr-only" aria-live="polite">
        {notice}
      </span>
      {open ? (
        <div
          id={panelId}
          className="card absolute inset-x-0 top-7 z-20 space-y-2 p-3 shadow-lg ring-1 ring-accent-500/20"
          onKeyDown={(e) => e.key === "Escape" && !busy && setOpen(false)}
        >
          <label htmlFor={`${panelId}-prompt`} className="label">
            {t("promptLabel")}
          </label>
          <input
            ref={inputRef}
            id={`${panelId}-prompt`}
            className="input"
            value={prompt}
            maxLength={500}
            placeholder={t("promptPlaceholder")}
            onChange={(e) => setPrompt(e.target.value)}
            // Enter writes lyrics here; it must not submit the song form around it.
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void write();
              }
            }}
            disabled={busy}
            data-testid="lyrics-prompt"
          />
          {error ? (
            <p role="alert" className="field-error" data-testid="lyrics-error">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary py-1.5" onClick={() => setOpen(false)} disabled={busy}>
              {t("cancel")}
            </button>
            <button type="button" className="btn-primary py-1.5" onClick={() => void write()} disabled={busy} aria-busy={busy} data-testid="lyrics-write">
              {busy ? <Spinner /> : null}
              {busy ? t("writing") : t("write")}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function SparkleIcon() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="h-3.5 w-3.5" fill="currentColor">
      <path d="M10 1.5l1.9 5.1 5.1 1.9-5.1 1.9L10 15.5l-1.9-5.1L3 8.5l5.1-1.9L10 1.5zM15.5 13l.8 2.2 2.2.8-2.2.8-.8 2.2-.8-2.2-2.2-.8 2.2-.8.8-2.2z" />
    </svg>
  );
}
