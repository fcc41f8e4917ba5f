"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { TaskCard } from "@/app/_components/task/task-card";
import type { TaskDto } from "@/lib/dto";
import type { QuotaStatus } from "@/lib/schemas/quotas";
import { myQuotaAction } from "./actions";
import { CreateForm } from "./create-form";
import { QuotaLeft, quotaUsedUp } from "./quota-left";
import type { CreateInitial, PersonaOption, ProviderOption } from "./types";

const RECENT_LIMIT = 10;

/** The form and the live list of recent tasks; a new task goes to the top without a reload. */
export function CreateStudio({
  providers,
  personas,
  initialTasks,
  noProviderHint,
  reused,
  quota: initialQuota,
}: {
  providers: ProviderOption[];
  personas: PersonaOption[];
  initialTasks: TaskDto[];
  noProviderHint: string;
  /** "Reuse settings" of an earlier task, to start the form from. */
  reused?: CreateInitial;
  /** The member's songs left today and this month (null: could not be read). */
  quota: QuotaStatus | null;
}) {
  const t = useTranslations("create");
  const th = useTranslations("tasks.history");
  const [tasks, setTasks] = useState(initialTasks);
  const [quota, setQuota] = useState(initialQuota);
  // Every send may have used a song (or found the limit reached elsewhere): ask again.
  const refreshQuota = () => void myQuotaAction().then((q) => q && setQuota(q));
  // The same key twice (double click, retry) answers with the same task: list it once.
  const addTask = (task: TaskDto) => setTasks((prev) => [task, ...prev.filter((x) => x.id !== task.id)].slice(0, RECENT_LIMIT));

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
      <section className="card lg:sticky lg:top-20" aria-labelledby="create-heading">
        <h2 id="create-heading" className="sr-only">
          {t("heading")}
        </h2>
        {providers.length === 0 ? (
          <div
            role="status"
            className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
          >
            <p className="font-medium">{t("noProviders.title")}</p>
            <p className="mt-0.5">
              {t("noProviders.body")} {noProviderHint}
            </p>
          </div>
        ) : null}
        {reused ? (
          <p role="status" className="mb-4 rounded-lg bg-accent-100 px-3 py-2 text-sm text-accent-700 dark:bg-accent-600/20 dark:text-accent-100" data-testid="reused-notice">
            {th("reused")}
          </p>
        ) : null}
        <QuotaLeft quota={quota} />
        <CreateForm providers={providers} personas={personas} onCreated={addTask} onSent={refreshQuota} usedUp={quotaUsedUp(quota)} initial={reused} />
      </section>

      <section aria-labelledby="recent-heading" className="min-w-0">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="recent-heading" className="text-base font-semibold">
            {t("recent.heading")}
          </h2>
          <Link href="/library" className="text-sm text-accent-600 hover:underline dark:text-accent-400">
            {t("recent.library")}
          </Link>
        </div>
        {tasks.length === 0 ? (
          <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-10 text-center text-sm muted dark:border-zinc-700">{t("recent.empty")}</p>
        ) : (
          <ol className="space-y-3" data-testid="recent-tasks">
            {tasks.map((task) => (
              <li key={task.id}>
                <TaskCard initialTask={task} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
