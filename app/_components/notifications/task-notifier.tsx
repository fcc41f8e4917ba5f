"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { SONG_TASK_KINDS } from "@/lib/domain";
import type { TaskDto } from "@/lib/dto";
import { parseTaskMessage } from "@/app/_components/task-subscription";
import { requestDesktopPermission, showDesktopNotification, useDesktopPermission } from "./desktop-notifications";

// Tells the member, on whatever studio page they are, that one of their tasks finished:
// a toast in the page and, when they allowed it, a desktop notification. Mounted once
// in the studio layout; it follows GET /api/v1/me/events, which starts from "now", so
// tasks that finished before the page loaded are never announced. The browser resumes
// the stream with Last-Event-ID; when the server refused or closed it for good (429,
// a restart) it is reopened after a pause from the last id seen.

interface Toast {
  id: string;
  text: string;
  href: string;
  linkText: string;
  failed: boolean;
}

const MAX_TOASTS = 4;
const REOPEN_MS = [2_000, 5_000, 15_000, 30_000];

const isSong = (task: TaskDto) => (SONG_TASK_KINDS as readonly string[]).includes(task.kind);

export function TaskNotifier() {
  const t = useTranslations("notifications.toast");
  const tErrors = useTranslations("tasks.errors");
  const permission = useDesktopPermission();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seen = useRef(new Set<string>());

  const describe = useCallback(
    (task: TaskDto): Toast => {
      const clip = task.clips.find((c) => c.title) ?? task.clips[0];
      const requested = typeof task.request.title === "string" && task.request.title ? task.request.title : null;
      const title = clip?.title || requested || task.result?.title || (task.kind === "lyrics" ? t("lyrics") : t("untitled"));
      if (task.status === "succeeded") {
        const toClip = isSong(task) && clip;
        return {
          id: task.id,
          text: t("ready", { title }),
          href: toClip ? `/clips/${encodeURIComponent(clip.id)}` : `/tasks/${encodeURIComponent(task.id)}`,
          linkText: toClip ? t("openSong") : t("openTask"),
          failed: false,
        };
      }
      const code = task.error?.code ?? "unknown";
      const reason = tErrors.has(code) ? tErrors(code) : tErrors("unknown");
      return {
        id: task.id,
        text: isSong(task) ? t("failedSong", { reason }) : t("failedTask", { reason }),
        href: `/tasks/${encodeURIComponent(task.id)}`,
        linkText: t("openTask"),
        failed: true,
      };
    },
    [t, tErrors],
  );

  const announce = useCallback(
    (task: TaskDto) => {
      if (task.status !== "succeeded" && task.status !== "failed") return;
      if (seen.current.has(task.id)) return;
      seen.current.add(task.id);
      const toast = describe(task);
      setToasts((list) => [...list.filter((x) => x.id !== toast.id), toast].slice(-MAX_TOASTS));
      showDesktopNotification({ title: toast.text, tag: `songloft-task-${task.id}`, href: toast.href });
    },
    [describe],
  );

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastId = "";
    let failures = 0;
    let stopped = false;
    const open = () => {
      if (stopped) return;
      // A new EventSource cannot send Last-Event-ID itself; the query carries it instead.
      source = new EventSource(lastId ? `/api/v1/me/events?lastEventId=${encodeURIComponent(lastId)}` : "/api/v1/me/events");
      const remember = (event: MessageEvent<string>) => {
        if (event.lastEventId) lastId = event.lastEventId;
        failures = 0;
      };
      source.addEventListener("ready", (event) => remember(event as MessageEvent<string>));
      source.addEventListener("task", (event) => {
        remember(event as MessageEvent<string>);
        const task = parseTaskMessage((event as MessageEvent<string>).data);
        if (task) announce(task);
      });
      source.onerror = () => {
        // The browser retries by itself while the stream is CONNECTING; a CLOSED one (an
        // error status such as 429) is ours to reopen, after a pause.
        if (!source || source.readyState !== EventSource.CLOSED) return;
        source = null;
        timer = setTimeout(open, REOPEN_MS[Math.min(failures++, REOPEN_MS.length - 1)]);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [announce]);

  const dismiss = (id: string) => setToasts((list) => list.filter((x) => x.id !== id));

  return (
    <div role="status" aria-live="polite" aria-label={t("region")} className="pointer-events-none fixed right-4 bottom-24 z-40 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {toasts.map((toast) => (
        <ToastCard
          key={toast.id}
          onExpire={() => dismiss(toast.id)}
          className={`pointer-events-auto rounded-xl border bg-white p-3 text-sm shadow-lg dark:bg-zinc-900 ${
            toast.failed ? "border-red-300 dark:border-red-900" : "border-zinc-200 dark:border-zinc-700"
          }`}
        >
          <div className="flex items-start gap-2">
            <p className="flex-1 font-medium break-words">{toast.text}</p>
            <button type="button" onClick={() => dismiss(toast.id)} aria-label={t("dismiss")} className="rounded px-1 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <Link href={toast.href} onClick={() => dismiss(toast.id)} className="font-medium text-accent-700 underline dark:text-accent-100">
              {toast.linkText}
            </Link>
            {permission === "default" ? (
              <button type="button" onClick={() => void requestDesktopPermission()} className="text-xs text-zinc-600 underline dark:text-zinc-400">
                {t("enableDesktop")}
              </button>
            ) : null}
          </div>
        </ToastCard>
      ))}
    </div>
  );
}

// Long enough to read and act on; a toast someone points at or tabs into stays until they leave it.
const TOAST_MS = 15_000;

/** One toast: it goes away by itself after TOAST_MS so it never sits over the page for good, unless hovered or focused. */
function ToastCard({ className, onExpire, children }: { className: string; onExpire: () => void; children: ReactNode }) {
  const [held, setHeld] = useState(false);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  });
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => expire.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, [held]);
  return (
    <div
      data-testid="task-toast"
      className={className}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      {children}
    </div>
  );
}
