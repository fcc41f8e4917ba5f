import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import type { UsageRange } from "@/lib/schemas/usage";

const PRESET_DAYS = [7, 30, 90];
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` UTC days, today included. */
function lastDays(days: number, now = Date.now()): { from: string; to: string } {
  return { from: dayOf(now - (days - 1) * 86_400_000), to: dayOf(now) };
}

/** A plain GET form: the range lives in the URL, so a report can be bookmarked and shared. Quick ranges are links to the same. */
export async function UsageRangeForm({ range }: { range: UsageRange }) {
  const t = await getT("usage");
  const presets = PRESET_DAYS.map((days) => ({ days, ...lastDays(days) }));
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
      <nav aria-label={t("range.presets")} className="flex flex-wrap items-center gap-2 sm:mt-6" data-testid="usage-presets">
        {presets.map((p) => {
          const current = range.values.from === p.from && range.values.to === p.to;
          return (
            <Link
              key={p.days}
              href={`/admin/usage?from=${p.from}&to=${p.to}`}
              aria-current={current ? "page" : undefined}
              className={current ? "badge ring-1 ring-accent-500" : "badge hover:bg-zinc-200 dark:hover:bg-zinc-700"}
            >
              {t("range.last", { days: p.days })}
            </Link>
          );
        })}
      </nav>
    </form>
  );
}
