import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import type { UsageRange } from "@/lib/schemas/usage";

/** A plain GET form: the range lives in the URL, so a report can be bookmarked and shared. */
export async function UsageRangeForm({ range }: { range: UsageRange }) {
  const t = await getT("usage");
  const field = (name: "from" | "to") => {
    const error = range.errors[name];
    return (
      <div>
        <label htmlFor={`usage-${name}`} className="label">
          {t(`range.${name}`)}
        </label>
        <input
          id={`usage-${name}`}
          name={name}
          type="date"
          defaultValue={range.values[name] ?? ""}
          className="input"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `usage-${name}-error` : undefined}
        />
        {error ? (
          <p id={`usage-${name}-error`} className="field-error" role="alert">
            {t(`range.${error as "invalidDate" | "toBeforeFrom"}`)}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form method="get" action="/admin/usage" className="flex flex-wrap items-start gap-3" data-testid="usage-range">
      {field("from")}
      {field("to")}
      <div className="flex items-center gap-3 sm:mt-6">
        <button type="submit" className="btn-secondary">
          {t("range.apply")}
        </button>
        {range.values.from || range.values.to ? (
          <Link href="/admin/usage" className="text-sm font-medium text-accent-600 dark:text-accent-100">
            {t("range.clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
