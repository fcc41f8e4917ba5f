"use client";

import { useTranslations } from "use-intl";

export type CreateMode = "inspiration" | "custom";

/** A segmented control built from real radio buttons, so it posts `mode` and works with the keyboard. */
export function ModeSwitch({ mode, onChange }: { mode: CreateMode; onChange: (mode: CreateMode) => void }) {
  const t = useTranslations("create.modes");
  return (
    <fieldset>
      <legend className="sr-only">{t("label")}</legend>
      <div className="grid grid-cols-2 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800/80">
        {(["inspiration", "custom"] as const).map((value) => (
          <label
            key={value}
            className={`cursor-pointer rounded-md px-3 py-1.5 text-center text-sm font-medium transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent-500 ${
              mode === value
                ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-50"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => onChange(value)} className="sr-only" data-testid={`mode-${value}`} />
            {t(value)}
          </label>
        ))}
      </div>
      <p className="mt-2 text-xs muted">{t(mode === "inspiration" ? "inspirationHint" : "customHint")}</p>
    </fieldset>
  );
}
