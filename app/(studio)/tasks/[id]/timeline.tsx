import { LocalTime } from "@/app/_components/local-time";
import type { TaskStatus } from "@/lib/dto";
import type { getT } from "@/lib/i18n/server";
import type { TaskTimelineEntry } from "@/lib/server/services/task-view";

type T = Awaited<ReturnType<typeof getT<"tasks">>>;

const dot: Record<TaskStatus, string> = {
  submitting: "bg-zinc-400",
  queued: "bg-amber-500",
  running: "bg-sky-500",
  succeeded: "bg-emerald-500",
  failed: "bg-red-500",
};

const isStatus = (status: string): status is TaskStatus => status in dot;

/** Later entries say how long after the first they came: that is what a person reads a timeline for. */
function elapsed(t: T, ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? t("detail.elapsedMinutes", { minutes, seconds: total % 60 }) : t("detail.elapsedSeconds", { seconds: total });
}

/** The task's recorded status changes, oldest first. */
export function Timeline({ entries, t }: { entries: TaskTimelineEntry[]; t: T }) {
  if (entries.length === 0) return <p className="text-sm muted">{t("detail.noEvents")}</p>;
  return (
    <ol className="relative space-y-4 border-l border-zinc-200 pl-5 dark:border-zinc-800" data-testid="task-timeline">
      {entries.map((entry, i) => (
        <li key={`${entry.at}-${i}`} className="relative">
          <span
            aria-hidden="true"
            className={`absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white dark:ring-zinc-900 ${isStatus(entry.status) ? dot[entry.status] : "bg-zinc-400"}`}
          />
          <p className="text-sm font-medium">
            {isStatus(entry.status) ? t(`event.${entry.status}`) : entry.status}
            {entry.progress !== null && entry.status === "running" ? <span className="ml-2 text-xs font-normal tabular-nums muted">{entry.progress}%</span> : null}
          </p>
          <p className="text-xs tabular-nums muted">{i === 0 ? <LocalTime iso={entry.at} /> : elapsed(t, Date.parse(entry.at) - Date.parse(entries[0].at))}</p>
          {entry.message ? <p className="mt-0.5 text-xs break-words muted">{entry.message}</p> : null}
        </li>
      ))}
    </ol>
  );
}
