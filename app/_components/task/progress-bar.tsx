"use client";

import { useTranslations } from "use-intl";

/** Vendor progress, or our time-based estimate (labelled as such); null = no figure yet. */
export function ProgressBar({ progress, estimated }: { progress: number | null; estimated: boolean }) {
  const t = useTranslations("tasks.progress");
  const value = progress === null ? null : Math.max(0, Math.min(100, Math.round(progress)));
  return (
    <div className="flex items-center gap-3 text-xs">
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={value === null ? t("waiting") : estimated ? t("estimatedValue", { value }) : `${value}%`}
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={`h-full rounded-full bg-accent-600 transition-[width] duration-700 ease-out ${value === null ? "w-1/3 animate-pulse" : ""}`}
          style={value === null ? undefined : { width: `${Math.max(value, 3)}%` }}
        />
      </div>
      <span className="shrink-0 tabular-nums muted" data-testid="task-progress">
        {value === null ? t("waiting") : `${value}%`}
        {value !== null && estimated ? <span className="ml-1 italic">({t("estimated")})</span> : null}
      </span>
    </div>
  );
}
