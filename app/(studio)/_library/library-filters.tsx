"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { SpinnerIcon } from "@/app/_components/player/icons";
import { FILTER_KEYS, type FilterValues } from "./filter-keys";

interface Option {
  value: string;
  label: string;
}

interface Props {
  basePath: string;
  values: FilterValues;
  models: Option[];
  providers: Option[];
  statuses: Option[];
  members?: Option[];
}

/**
 * The search box and filters. The URL is the state, so a filtered view can be
 * bookmarked: without JavaScript this is a plain GET form; with it, blank fields
 * are dropped from the URL and changing a filter applies it at once.
 */
export function LibraryFilters({ basePath, values, models, providers, statuses, members }: Props) {
  const t = useTranslations("library.filters");
  const router = useRouter();
  const [pending, start] = useTransition();
  const active = FILTER_KEYS.some((k) => values[k]);
  const refined = FILTER_KEYS.some((k) => k !== "q" && values[k]);
  // Small screens fold the filters away until asked for (or in use); wide ones always show them.
  const [open, setOpen] = useState(refined);

  const submit = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    }
    const qs = params.toString();
    start(() => router.push(qs ? `${basePath}?${qs}` : basePath));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    submit(e.currentTarget);
  };
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    // Typing in the search box waits for Enter; every other control applies at once.
    if ((e.target as HTMLElement).getAttribute("name") !== "q") submit(e.currentTarget);
  };

  const select = (name: keyof FilterValues, label: string, options: Option[]) => (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium muted">
      {label}
      <select name={name} defaultValue={values[name] ?? ""} className="input h-9 py-1 text-zinc-900 dark:text-zinc-100">
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form action={basePath} method="get" role="search" onSubmit={onSubmit} onChange={onChange} className="card flex flex-col gap-3 p-4" data-testid="library-filters">
      <div className="flex gap-2">
        <input
          type="search"
          name="q"
          defaultValue={values.q ?? ""}
          placeholder={t("searchPlaceholder")}
          aria-label={t("search")}
          maxLength={200}
          className="input flex-1"
          data-testid="library-search"
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? <SpinnerIcon className="h-4 w-4" /> : null}
          {t("search")}
        </button>
      </div>
      <div id="library-filter-fields" className={`${open ? "grid" : "hidden"} grid-cols-2 items-end gap-3 sm:grid-cols-3 md:grid ${members ? "lg:grid-cols-7" : "lg:grid-cols-6"}`}>
        {members ? select("member", t("member"), members) : null}
        {select("status", t("status"), statuses)}
        {select("model", t("model"), models)}
        {select("provider", t("provider"), providers)}
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium muted">
          {t("from")}
          <input type="date" name="from" defaultValue={values.from ?? ""} className="input h-9 py-1 text-zinc-900 dark:text-zinc-100" />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium muted">
          {t("to")}
          <input type="date" name="to" defaultValue={values.to ?? ""} className="input h-9 py-1 text-zinc-900 dark:text-zinc-100" />
        </label>
        <label className="inline-flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" name="starred" value="1" defaultChecked={values.starred === "1" || values.starred === "true"} className="h-4 w-4 accent-accent-600" />
          {t("starredOnly")}
        </label>
      </div>
      {/* Wide screens need this row only to clear filters; small ones also fold the fields here. */}
      <div className={`flex flex-wrap items-center gap-x-5 gap-y-2 ${active ? "" : "md:hidden"}`}>
        <button
          type="button"
          className="text-sm font-medium text-accent-600 md:hidden dark:text-accent-100"
          aria-expanded={open}
          aria-controls="library-filter-fields"
          onClick={() => setOpen(!open)}
        >
          {open ? t("hide") : t("show")}
        </button>
        {active ? (
          <Link href={basePath} className="ml-auto text-sm font-medium text-accent-600 hover:underline dark:text-accent-100" data-testid="clear-filters">
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
