"use client";

import { useMemo, useState } from "react";
import type { BarChart } from "./chart-draw";
import { ChartFrame } from "./chart-frame";

// The three charts above /admin/usage's tables. Everything arrives from the server
// component already counted, named and translated; this file only picks what to show.

export interface Stack {
  name: string;
  values: number[];
  rest?: boolean;
}
export interface UsageChartsData {
  locale: string;
  /** Localized bucket labels (days or months), oldest first. */
  buckets: string[];
  byMember: Stack[];
  byProvider: Stack[];
  failures: { label: string; count: number }[];
  quotas: { name: string; today: { used: number; limit: number | null }; month: { used: number; limit: number | null } }[];
}
export interface UsageChartsText {
  songsTitle: string;
  songsDescription: string;
  byMember: string;
  byProvider: string;
  stackBy: string;
  failuresTitle: string;
  failuresDescription: string;
  tasks: string;
  quotaTitle: string;
  quotaDescription: string;
  today: string;
  thisMonth: string;
  used: string;
  limit: string;
  period: string;
}

function Toggle<T extends string>({ label, value, options, onChange, testId }: { label: string; value: T; options: [T, string][]; onChange: (v: T) => void; testId: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-lg border border-zinc-300 p-0.5 text-sm dark:border-zinc-700" data-testid={testId}>
      {options.map(([key, text]) => (
        <button
          key={key}
          type="button"
          role="radio"
          aria-checked={value === key}
          onClick={() => onChange(key)}
          className={`rounded-md px-3 py-1 font-medium ${value === key ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

export function UsageCharts({ data, text }: { data: UsageChartsData; text: UsageChartsText }) {
  const [stackBy, setStackBy] = useState<"member" | "provider">("member");
  const [period, setPeriod] = useState<"month" | "today">("month");

  const songs = useMemo<BarChart>(() => {
    const stacks = stackBy === "member" ? data.byMember : data.byProvider;
    return { locale: data.locale, categories: data.buckets, stacked: true, series: stacks.map((s) => ({ label: s.name, values: s.values, rest: s.rest })) };
  }, [data, stackBy]);
  const failures = useMemo<BarChart>(
    () => ({ locale: data.locale, categories: data.failures.map((f) => f.label), series: [{ label: text.tasks, values: data.failures.map((f) => f.count) }] }),
    [data, text.tasks],
  );
  const quotas = useMemo<BarChart>(
    () => ({
      locale: data.locale,
      categories: data.quotas.map((q) => q.name),
      series: [{ label: text.used, values: data.quotas.map((q) => q[period].used) }],
      limit: { label: text.limit, values: data.quotas.map((q) => q[period].limit) },
    }),
    [data, period, text.used, text.limit],
  );

  return (
    <div className="space-y-6" data-testid="usage-charts">
      {data.buckets.length > 0 ? (
        <ChartFrame
          id="chart-songs"
          title={text.songsTitle}
          description={text.songsDescription}
          chart={songs}
          controls={
            <Toggle
              label={text.stackBy}
              value={stackBy}
              onChange={setStackBy}
              options={[
                ["member", text.byMember],
                ["provider", text.byProvider],
              ]}
              testId="chart-songs-stack"
            />
          }
        />
      ) : null}
      <div className="grid gap-6 xl:grid-cols-2">
        {data.failures.length > 0 ? <ChartFrame id="chart-failures" title={text.failuresTitle} description={text.failuresDescription} chart={failures} /> : null}
        {data.quotas.length > 0 ? (
          <ChartFrame
            id="chart-quotas"
            title={text.quotaTitle}
            description={text.quotaDescription}
            chart={quotas}
            controls={
              <Toggle
                label={text.period}
                value={period}
                onChange={setPeriod}
                options={[
                  ["month", text.thisMonth],
                  ["today", text.today],
                ]}
                testId="chart-quotas-period"
              />
            }
          />
        ) : null}
      </div>
    </div>
  );
}
