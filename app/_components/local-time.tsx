"use client";

import { useEffect, useState } from "react";

/** A timestamp in the viewer's own time zone and language (rendered as UTC on the server, then localised). */
export function LocalTime({ iso, mode = "datetime" }: { iso: string | null; mode?: "datetime" | "date" | "relative" }) {
  const [text, setText] = useState(() => (iso ? iso.slice(0, mode === "date" ? 10 : 16).replace("T", " ") : "—"));
  // The viewer's zone, language and clock exist only after hydration, hence the effect's setText.
  useEffect(() => {
    if (!iso) return;
    const date = new Date(iso);
    const lang = document.documentElement.lang || undefined;
    if (mode === "relative") {
      const seconds = Math.round((date.getTime() - Date.now()) / 1000);
      const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
      const abs = Math.abs(seconds);
      const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
        abs < 60
          ? [seconds, "second"]
          : abs < 3600
            ? [Math.round(seconds / 60), "minute"]
            : abs < 86400
              ? [Math.round(seconds / 3600), "hour"]
              : abs < 30 * 86400
                ? [Math.round(seconds / 86400), "day"]
                : [Math.round(seconds / (30 * 86400)), "month"];
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setText(rtf.format(value, unit));
    } else {
      setText(date.toLocaleString(lang, mode === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" }));
    }
  }, [iso, mode]);
  return (
    <time dateTime={iso ?? undefined} title={iso ?? undefined} suppressHydrationWarning>
      {text}
    </time>
  );
}
