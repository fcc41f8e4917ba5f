"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { StarIcon } from "@/app/_components/player/icons";
import { setStarredAction } from "../clips/actions";

/** Stars flip at once and settle on what the server answers. */
export function StarButton({ clipId, starred: initial, size = "sm" }: { clipId: string; starred: boolean; size?: "sm" | "md" }) {
  const t = useTranslations("library");
  const [starred, setStarred] = useState(initial);
  const [pending, start] = useTransition();
  const toggle = () => {
    const want = !starred;
    setStarred(want);
    start(async () => {
      const result = await setStarredAction(clipId, want);
      setStarred(result.ok ? result.starred : !want);
    });
  };
  const label = starred ? t("unstar") : t("star");
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={starred}
      aria-label={label}
      title={label}
      data-testid="star-toggle"
      disabled={pending}
      className={`${size === "md" ? "btn-secondary" : "rounded-full p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"} ${
        starred ? "text-amber-500" : "text-zinc-400 hover:text-zinc-600 dark:text-zinc-500 dark:hover:text-zinc-300"
      }`}
    >
      <StarIcon filled={starred} className={size === "md" ? "h-4 w-4" : "h-5 w-5"} />
      {size === "md" ? <span className="text-zinc-800 dark:text-zinc-100">{starred ? t("starred") : t("star")}</span> : null}
    </button>
  );
}
