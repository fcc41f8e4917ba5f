"use client";

import { useTranslations } from "use-intl";

/** "123 / 500" under a field; red once the text passes the chosen model's limit. */
export function CharCount({ id, value, max }: { id: string; value: string; max: number }) {
  const t = useTranslations("create");
  // The server's zod .max() counts UTF-16 units, so count the same way.
  const count = value.length;
  const over = count > max;
  return (
    <span
      id={id}
      data-testid={`${id}`}
      data-over={over || undefined}
      className={`shrink-0 text-xs tabular-nums ${over ? "font-semibold text-red-600 dark:text-red-400" : "muted"}`}
      title={over ? t("counterOver", { over: count - max, max }) : t("counter", { count, max })}
    >
      <span aria-hidden="true">
        {count} / {max}
      </span>
      <span className="sr-only">{over ? t("counterOver", { over: count - max, max }) : t("counter", { count, max })}</span>
    </span>
  );
}
