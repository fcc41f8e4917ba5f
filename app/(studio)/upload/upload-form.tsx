"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type DragEvent, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Spinner } from "@/app/_components/spinner";

const MAX_BYTES = 20 * 1024 * 1024;

type Problem = "notAudio" | "tooLarge" | "urlFailed" | "fileRequired" | "unexpected";

/**
 * Drop or choose a file, or paste a link. The file goes to POST /api/v1/uploads (the
 * server checks its bytes, not its name); then the upload's page offers extend and cover.
 */
export function UploadForm() {
  const t = useTranslations("create.upload");
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState("");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  function choose(next: File | null | undefined) {
    setProblem(next && next.size > MAX_BYTES ? "tooLarge" : null);
    setFile(next ?? null);
  }

  async function send(body: BodyInit, json: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch("/api/v1/uploads", { method: "POST", body, headers: json ? { "content-type": "application/json" } : undefined });
      const answer = (await res.json().catch(() => null)) as { upload?: { id: string }; error?: { details?: Record<string, string[]> } } | null;
      if (res.ok && answer?.upload) {
        router.push(`/uploads/${answer.upload.id}`);
        return;
      }
      const reason = Object.values(answer?.error?.details ?? {})[0]?.[0];
      setProblem(
        res.status === 413 ? "tooLarge" : reason === "uploadNotAudio" ? "notAudio" : reason === "uploadUrlFailed" || reason === "uploadUrlInvalid" ? "urlFailed" : "unexpected",
      );
    } catch {
      setProblem("unexpected");
    }
    setBusy(false);
  }

  function submitFile(event: FormEvent) {
    event.preventDefault();
    if (!file) return setProblem("fileRequired");
    if (file.size > MAX_BYTES) return setProblem("tooLarge");
    const form = new FormData();
    form.set("file", file);
    void send(form, false);
  }

  function submitUrl(event: FormEvent) {
    event.preventDefault();
    if (url.trim()) void send(JSON.stringify({ url: url.trim() }), true);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  }

  return (
    <div className="space-y-6" data-testid="upload-form">
      {problem ? (
        <p
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300"
          data-testid="upload-error"
        >
          {t(`errors.${problem}`)}
        </p>
      ) : null}
      <form onSubmit={submitFile} className="space-y-3">
        <label
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-4 py-10 text-center text-sm transition ${
            dragging ? "border-accent-500 bg-accent-50 dark:bg-accent-500/10" : "border-zinc-300 dark:border-zinc-700"
          }`}
        >
          <span className="font-medium">{t("drop")}</span>
          {file ? <span className="muted">{file.name}</span> : null}
          <input
            ref={input}
            type="file"
            name="file"
            accept="audio/mpeg,audio/wav,.mp3,.wav"
            className="sr-only"
            onChange={(e) => choose(e.target.files?.[0])}
            data-testid="upload-file"
          />
        </label>
        <button type="submit" className="btn-primary w-full py-2.5" disabled={busy} aria-busy={busy} data-testid="upload-submit">
          {busy ? <Spinner /> : null}
          {busy ? t("uploading") : t("submitFile")}
        </button>
      </form>
      <p className="text-center text-xs uppercase tracking-wide muted">{t("or")}</p>
      <form onSubmit={submitUrl} className="space-y-3">
        <label htmlFor="upload-url" className="label">
          {t("url")}
        </label>
        <input id="upload-url" type="url" className="input" placeholder={t("urlPlaceholder")} value={url} onChange={(e) => setUrl(e.target.value)} data-testid="upload-url" />
        <button type="submit" className="btn-secondary w-full" disabled={busy || !url.trim()}>
          {t("submitUrl")}
        </button>
      </form>
    </div>
  );
}
