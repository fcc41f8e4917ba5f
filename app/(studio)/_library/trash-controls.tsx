"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { purgeClipAction, restoreClipAction } from "../_clip/actions";

/** Restore or delete forever, for one row of the trash. */
export function TrashControls({ clipId, title, onDone }: { clipId: string; title: string; onDone: () => void }) {
  const t = useTranslations("library.trash");
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState(false);
  const run = (action: (id: string) => Promise<{ ok?: boolean }>) =>
    start(async () => {
      const result = await action(clipId);
      if (result.ok) onDone();
      else setFailed(true);
    });
  return (
    <div className="flex shrink-0 items-center gap-2">
      {failed ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {t("failed")}
        </span>
      ) : null}
      <button type="button" className="btn-secondary py-1.5" disabled={pending} onClick={() => run(restoreClipAction)} aria-label={t("restoreSong", { title })}>
        {t("restore")}
      </button>
      <button
        type="button"
        className="btn-danger py-1.5"
        disabled={pending}
        aria-label={t("purgeSong", { title })}
        onClick={() => {
          if (window.confirm(t("purgeConfirm", { title }))) run(purgeClipAction);
        }}
      >
        {t("purge")}
      </button>
    </div>
  );
}
