"use client";

import { useTranslations } from "use-intl";
import { formatBytes, useExport, type ExportScope } from "./export-progress";

// "Export" on the Library page (a menu), in Settings (two buttons) and on a playlist's
// page (one button): starts the download and shows how far it has got, with Cancel.

export function ExportControl({ layout, playlistId }: { layout: "menu" | "buttons" | "playlist"; playlistId?: string }) {
  const t = useTranslations("library.export");
  const { status, start, cancel, dismiss } = useExport();
  const busy = status.phase === "starting" || status.phase === "running";
  const options: { scope: ExportScope; label: string }[] = [
    { scope: "mine", label: t("mine") },
    { scope: "starred", label: t("starred") },
  ];
  const choose = (scope: ExportScope, menu?: HTMLDetailsElement | null) => {
    menu?.removeAttribute("open");
    start(scope);
  };

  const chooser =
    layout === "playlist" && playlistId ? (
      <button type="button" className="btn-secondary" disabled={busy} onClick={() => start({ playlist: playlistId })} data-testid="playlist-export">
        {t("button")}
      </button>
    ) : layout === "menu" ? (
      <details className="relative" data-testid="export-menu">
        <summary className={`btn-secondary cursor-pointer list-none ${busy ? "pointer-events-none opacity-60" : ""}`} aria-disabled={busy}>
          {t("button")}
        </summary>
        <div className="card absolute right-0 z-20 mt-2 w-56 space-y-1 p-2" role="menu">
          {options.map((o) => (
            <button
              key={o.scope}
              type="button"
              role="menuitem"
              className="btn w-full justify-start text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              disabled={busy}
              onClick={(e) => choose(o.scope, e.currentTarget.closest("details"))}
            >
              {o.label}
            </button>
          ))}
        </div>
      </details>
    ) : (
      <div className="flex flex-wrap gap-3">
        {options.map((o) => (
          <button key={o.scope} type="button" className="btn-secondary" disabled={busy} onClick={() => choose(o.scope)}>
            {t("exportScope", { what: o.label })}
          </button>
        ))}
      </div>
    );

  return (
    <div className={layout === "buttons" ? "space-y-3" : "relative"}>
      {chooser}
      {status.phase === "idle" ? null : (
        <div
          role="status"
          data-testid="export-status"
          className={`${layout === "buttons" ? "card" : "card absolute right-0 z-10 mt-2 w-80"} flex items-center justify-between gap-3 p-3 text-sm`}
        >
          <span>{describe(status, t)}</span>
          {busy ? (
            <button type="button" className="btn-secondary py-1" onClick={cancel}>
              {t("cancel")}
            </button>
          ) : (
            <button type="button" className="btn py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={dismiss} aria-label={t("dismiss")}>
              ×
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function describe(status: ReturnType<typeof useExport>["status"], t: ReturnType<typeof useTranslations<"library.export">>): string {
  switch (status.phase) {
    case "starting":
      return t("starting");
    case "running":
      return t("running", { done: status.done, total: status.total, size: formatBytes(status.bytes) });
    case "finished":
      return t("finished", { total: status.total, size: formatBytes(status.bytes) });
    case "cancelled":
      return t("cancelled");
    case "failed":
      return status.message ? t("failedBecause", { message: status.message }) : t("failed");
    default:
      return "";
  }
}
