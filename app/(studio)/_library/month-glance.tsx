import Link from "next/link";
import type { Viewer } from "@/lib/domain";
import { getLocale, getT } from "@/lib/i18n/server";
import { getMyMonthSummary } from "@/lib/server/services/usage";

// The Library header's month at a glance: songs made and minutes of music this
// month (UTC), favourite styles as chips that search the library for them, and a
// sparkline of songs per day. Plain server-rendered SVG: no script on this page.

const W = 124;
const H = 28;

function Sparkline({ perDay, today, label }: { perDay: number[]; today: number; label: string }) {
  const max = Math.max(1, ...perDay);
  const step = W / perDay.length;
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="shrink-0 text-accent-500 dark:text-accent-100" data-testid="month-sparkline">
      <line x1={0} y1={H - 0.5} x2={W} y2={H - 0.5} className="stroke-zinc-200 dark:stroke-zinc-800" />
      {perDay.map((n, i) =>
        n > 0 ? <rect key={i} x={i * step + 0.5} y={H - 1 - (n / max) * (H - 2)} width={Math.max(1, step - 1)} height={(n / max) * (H - 2)} rx={0.5} fill="currentColor" /> : null,
      )}
      {/* Days still to come this month, faint: the bars fill in from the left. */}
      <rect x={(today + 1) * step} y={0} width={Math.max(0, W - (today + 1) * step)} height={H - 1} className="fill-zinc-100/60 dark:fill-zinc-800/40" />
    </svg>
  );
}

export async function MonthGlance({ viewer }: { viewer: Pick<Viewer, "id"> }) {
  const t = await getT("library");
  const locale = await getLocale();
  const now = new Date();
  const summary = getMyMonthSummary(viewer, now);
  const month = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(now);
  const minutes = Math.round(summary.seconds / 60);
  return (
    <section aria-label={t("month.title", { month })} className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm" data-testid="month-glance">
      <Sparkline perDay={summary.perDay} today={now.getUTCDate() - 1} label={t("month.sparkline", { total: summary.songs, max: Math.max(0, ...summary.perDay) })} />
      {summary.songs === 0 ? (
        <p className="muted">{t("month.none")}</p>
      ) : (
        <>
          <p className="tabular-nums">
            <span className="font-semibold" data-testid="month-songs">
              {t("month.songs", { count: summary.songs })}
            </span>
            <span className="muted"> · </span>
            <span data-testid="month-minutes">{t("month.minutes", { minutes })}</span>
          </p>
          {summary.topTags.length > 0 ? (
            <ul aria-label={t("month.styles")} className="flex flex-wrap gap-1.5" data-testid="month-styles">
              {summary.topTags.map(({ tag }) => (
                <li key={tag}>
                  <Link href={`/library?q=${encodeURIComponent(tag)}`} className="badge hover:bg-zinc-200 dark:hover:bg-zinc-700" title={t("month.filterBy", { tag })}>
                    {tag}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
