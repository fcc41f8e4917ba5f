import type { getT } from "@/lib/i18n/server";
import type { TaskVendorDetails } from "@/lib/server/services/task-view";

type T = Awaited<ReturnType<typeof getT<"tasks">>>;

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Admins only: what the vendor last sent, for debugging a stuck or failed task. */
export function VendorPayload({ details, t }: { details: TaskVendorDetails; t: T }) {
  return (
    <details className="card group p-0" data-testid="vendor-payload">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 px-5 py-3 text-sm font-semibold">
        {t("detail.raw")}
        <span aria-hidden="true" className="muted transition group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="space-y-3 border-t border-zinc-200 px-5 py-4 text-sm dark:border-zinc-800">
        <p className="text-xs muted">{t("detail.rawHint")}</p>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
          <dt className="muted">{t("detail.vendorTaskId")}</dt>
          <dd className="overflow-x-auto whitespace-nowrap font-mono" title={details.vendorTaskId ?? undefined}>
            {details.vendorTaskId ?? "—"}
          </dd>
          <dt className="muted">{t("detail.vendorStatus")}</dt>
          <dd className="font-mono">{details.vendorStatus ?? "—"}</dd>
        </dl>
        {details.rawPayload == null && details.errorDetails == null ? <p className="text-xs muted">{t("detail.rawEmpty")}</p> : null}
        {(
          [
            ["rawPayload", details.rawPayload],
            ["errorDetails", details.errorDetails],
          ] as const
        )
          .filter(([, value]) => value != null)
          .map(([label, value]) => (
            <div key={label}>
              <p className="mb-1 text-xs font-medium muted">{t(`detail.${label}`)}</p>
              <pre className="max-h-96 overflow-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100">{pretty(value)}</pre>
            </div>
          ))}
      </div>
    </details>
  );
}
