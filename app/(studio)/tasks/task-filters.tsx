"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { SpinnerIcon } from "@/app/_components/player/icons";

interface Option {
  value: string;
  label: string;
}

export interface TaskFilterValues {
  scope?: string;
  status?: string;
  kind?: string;
  provider?: string;
}

/**
 * Status, kind and provider. The URL is the state (a filtered history can be bookmarked):
 * without JavaScript this is a plain GET form; with it, a change applies at once and
 * blank fields stay out of the URL. A new filter starts again from the newest task.
 */
export function TaskFilters({ values, statuses, kinds, providers }: { values: TaskFilterValues; statuses: Option[]; kinds: Option[]; providers: Option[] }) {
  const t = useTranslations("tasks.history.filters");
  const router = useRouter();
  const [pending, start] = useTransition();

  const apply = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && value !== "") params.set(key, value);
    const qs = params.toString();
    start(() => router.push(qs ? `/tasks?${qs}` : "/tasks"));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply(e.currentTarget);
  };

  const select = (name: "status" | "kind" | "provider", options: Option[]) => (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium muted">
      {t(name)}
      <select name={name} defaultValue={values[name] ?? ""} className="input h-9 py-1 text-zinc-900 dark:text-zinc-100" data-testid={`task-filter-${name}`}>
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  const active = Boolean(values.status || values.kind || values.provider);
  return (
    <form
      action="/tasks"
      method="get"
      aria-label={t("label")}
      onSubmit={onSubmit}
      onChange={(e) => apply(e.currentTarget)}
      className="card grid grid-cols-2 items-end gap-3 p-4 sm:grid-cols-4"
      data-testid="task-filters"
    >
      {values.scope ? <input type="hidden" name="scope" value={values.scope} /> : null}
      {select("status", statuses)}
      {select("kind", kinds)}
      {select("provider", providers)}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-secondary h-9 py-1" disabled={pending}>
          {pending ? <SpinnerIcon className="h-4 w-4" /> : null}
          {t("apply")}
        </button>
        {active ? (
          <Link
            href={values.scope ? `/tasks?scope=${values.scope}` : "/tasks"}
            className="text-sm font-medium text-accent-600 hover:underline dark:text-accent-100"
            data-testid="task-filters-clear"
          >
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
