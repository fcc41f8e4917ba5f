"use client";

import { useTranslations } from "use-intl";

/** The "instrumental" switch of the create and extend forms (posts `instrumental=on`). */
export function InstrumentalToggle({ checked, onChange }: { checked: boolean; onChange: (value: boolean) => void }) {
  const t = useTranslations("create.fields");
  return (
    <label className="flex cursor-pointer items-center justify-between gap-3 rounded-lg border border-zinc-200 px-3 py-2.5 dark:border-zinc-800">
      <span>
        <span className="block text-sm font-medium">{t("instrumental")}</span>
        <span className="block text-xs muted">{t("instrumentalHint")}</span>
      </span>
      <input type="checkbox" name="instrumental" checked={checked} onChange={(e) => onChange(e.target.checked)} className="peer sr-only" data-testid="instrumental" />
      <span
        aria-hidden="true"
        className="relative h-6 w-11 shrink-0 rounded-full bg-zinc-300 transition peer-checked:bg-accent-600 peer-focus-visible:ring-2 peer-focus-visible:ring-accent-500/50 after:absolute after:left-0.5 after:top-0.5 after:h-5 after:w-5 after:rounded-full after:bg-white after:shadow after:transition peer-checked:after:translate-x-5 dark:bg-zinc-700"
      />
    </label>
  );
}
