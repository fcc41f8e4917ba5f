"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { CloseIcon } from "./icons";
import { QueueIcon } from "./mode-icons";
import { PlayModeButtons } from "./play-mode-buttons";
import { usePlayer, usePlayerState } from "./player-provider";
import { QueueList } from "./queue-list";

/**
 * The "Queue" button and the panel it opens above the mini-player (placed against the
 * player's fixed bar): a disclosure, not a modal, so the page stays usable. Opening moves focus to the song playing; Escape,
 * the button again, or a click elsewhere close it and give focus back to the button.
 */
export function QueuePanel() {
  const t = useTranslations("player");
  const store = usePlayer();
  const count = usePlayerState((s) => s.queue.length);
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("[aria-current='true']")?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    // On the document, not the panel: Escape closes it wherever focus is, the toggle included.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={id}
        aria-label={t("queue.open", { count })}
        data-testid="player-queue-toggle"
        className={`rounded-full p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${open ? "text-accent-600 dark:text-accent-100" : "muted"}`}
      >
        <QueueIcon className="h-5 w-5" />
      </button>
      {open ? (
        <div
          ref={panel}
          id={id}
          role="region"
          aria-label={t("queue.title")}
          data-testid="player-queue"
          className="absolute inset-x-2 bottom-full z-40 mb-2 flex max-h-[min(28rem,calc(100dvh-6rem))] flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xl sm:left-auto sm:right-4 sm:w-96 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800">
            <h2 className="flex-1 text-sm font-semibold">
              {t("queue.title")} <span className="font-normal muted">{t("queue.count", { count })}</span>
            </h2>
            <PlayModeButtons className="flex sm:hidden" />
            <button type="button" onClick={close} aria-label={t("queue.close")} className="rounded-full p-1.5 muted hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <CloseIcon className="h-4 w-4" />
            </button>
          </div>
          <QueueList />
          <div className="border-t border-zinc-100 px-3 py-2 text-right dark:border-zinc-800">
            <button type="button" onClick={store.clearQueue} disabled={count < 2} className="btn-secondary py-1 text-xs" data-testid="player-queue-clear">
              {t("queue.clear")}
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}
