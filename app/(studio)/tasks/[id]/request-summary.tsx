import Link from "next/link";
import type { ReactNode } from "react";
import { formatSeconds, requestText } from "@/app/_components/task/format";
import type { TaskDto } from "@/lib/dto";
import type { getT } from "@/lib/i18n/server";

type T = Awaited<ReturnType<typeof getT<"tasks">>>;

/** What was asked for, as stored on the task (the normalised request). */
export function RequestSummary({ task, sourceTitle, t }: { task: TaskDto; sourceTitle: string | null; t: T }) {
  const r = task.request;
  const rows: [string, ReactNode][] = [];
  const text = (key: "prompt" | "description" | "title" | "style" | "negativeStyle" | "model") => {
    const value = requestText(task, key);
    if (value) rows.push([t(`request.${key}`), value]);
  };
  if (r.mode === "inspiration" || r.mode === "custom") rows.push([t("request.mode"), t(`request.${r.mode}`)]);
  text("prompt");
  text("description");
  text("title");
  text("style");
  text("negativeStyle");
  if (typeof r.instrumental === "boolean") rows.push([t("request.instrumental"), r.instrumental ? t("request.yes") : t("request.no")]);
  text("model");
  rows.push([t("request.provider"), task.providerName]);
  const extend = r.extend as { clipId?: unknown; continueAt?: unknown } | undefined;
  if (extend && typeof extend.clipId === "string") {
    rows.push([
      t("request.extend"),
      <>
        <Link href={`/clips/${extend.clipId}`} className="text-accent-600 hover:underline dark:text-accent-400">
          {sourceTitle ?? t("request.sourceClip")}
        </Link>
        {typeof extend.continueAt === "number" ? <span className="muted"> · {t("request.continueAt", { time: formatSeconds(extend.continueAt) })}</span> : null}
      </>,
    ]);
  }
  // Covers, whole songs, stems, WAV, video and personas name the clip they work on.
  const sourceId = (r.cover as { clipId?: unknown } | undefined)?.clipId ?? r.clipId;
  if (typeof sourceId === "string") {
    rows.push([
      t("request.source"),
      <Link key="source" href={`/clips/${sourceId}`} className="text-accent-600 hover:underline dark:text-accent-400" data-testid="task-source">
        {sourceTitle ?? t("request.sourceClip")}
      </Link>,
    ]);
  }
  if (typeof r.name === "string") rows.push([t("request.personaName"), r.name]);
  const upload = (r.cover as { uploadId?: unknown } | undefined)?.uploadId ?? (r.extend as { uploadId?: unknown } | undefined)?.uploadId;
  if (typeof upload === "string") {
    rows.push([
      t("request.upload"),
      <Link key="upload" href={`/uploads/${upload}`} className="text-accent-600 hover:underline dark:text-accent-400">
        {t("request.uploadLink")}
      </Link>,
    ]);
  }
  const lyrics = requestText(task, "lyrics");
  return (
    <dl className="space-y-3 text-sm" data-testid="task-request">
      {rows.map(([label, value]) => (
        <div key={label} className="grid gap-1 sm:grid-cols-[9rem_minmax(0,1fr)]">
          <dt className="muted">{label}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
      {lyrics ? (
        <div>
          <dt className="mb-1 muted">{t("request.lyrics")}</dt>
          <dd>
            <pre className="max-h-80 overflow-auto whitespace-pre-wrap rounded-lg bg-zinc-50 p-3 font-sans leading-relaxed dark:bg-zinc-950">{lyrics}</pre>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
