"use client";

import { useRef, useState, type ReactNode } from "react";
import { PlaylistMenu } from "./playlist-menu";

interface Props {
  clipId: string;
  /** Passed in rather than looked up, so a list of rows translates it once. */
  label: string;
  /** List rows draw an icon-only button whose class draws the icon; otherwise `children` is the button's content. */
  iconOnlyClassName?: string;
  className?: string;
  children?: ReactNode;
  /** Where the menu opens: below the button, or above it (the mini-player sits at the bottom). */
  placement?: "down" | "up";
}

/**
 * "Add to playlist": a button that opens a small menu of my playlists. The menu and
 * its strings load only when it opens, so a list of rows carries one button each (PERF-5).
 */
export function AddToPlaylist({ clipId, label, iconOnlyClassName, className = "btn-secondary", children, placement = "down" }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <span className="relative inline-flex">
      <button
        ref={button}
        type="button"
        onClick={() => setOpen((v) => !v)}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={iconOnlyClassName ? label : undefined}
        title={iconOnlyClassName ? label : undefined}
        className={iconOnlyClassName ?? className}
        data-testid="add-to-playlist"
      >
        {iconOnlyClassName ? null : children}
      </button>
      {open ? <PlaylistMenu clipId={clipId} label={label} placement={placement} onClose={close} /> : null}
    </span>
  );
}
