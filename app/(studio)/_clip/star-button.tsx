"use client";

import { useState, useTransition } from "react";
import { StarIcon } from "@/app/_components/player/icons";
import { setStarredAction } from "./actions";

interface Props {
  clipId: string;
  starred: boolean;
  /** Passed in rather than looked up, so a list of rows translates them once. */
  labels: { star: string; unstar: string; starred: string };
  /** List rows draw an icon-only button; their class draws the icon from `aria-pressed`. */
  iconOnlyClassName?: string;
}

/** Stars flip at once and settle on what the server answers. */
export function StarButton({ clipId, starred: initial, labels, iconOnlyClassName }: Props) {
  const [starred, setStarred] = useState(initial);
  const [pending, start] = useTransition();
  const toggle = () => {
    if (pending) return;
    const want = !starred;
    setStarred(want);
    start(async () => {
      const result = await setStarredAction(clipId, want);
      setStarred(result.starred ?? !want);
    });
  };
  const label = starred ? labels.unstar : labels.star;
  // aria-disabled, not disabled, while the server answers: a disabled button would drop
  // the keyboard focus, and the next Tab would start again from the top of the page.
  const common = { type: "button" as const, onClick: toggle, "aria-pressed": starred, "aria-disabled": pending || undefined, "data-testid": "star-toggle" };
  if (iconOnlyClassName) return <button {...common} aria-label={label} className={iconOnlyClassName} />;
  return (
    <button {...common} className={`btn-secondary aria-disabled:opacity-60 ${starred ? "text-amber-500" : "text-zinc-500 dark:text-zinc-400"}`}>
      <StarIcon filled={starred} className="h-4 w-4" />
      <span className="text-zinc-800 dark:text-zinc-100">{starred ? labels.starred : labels.star}</span>
    </button>
  );
}
