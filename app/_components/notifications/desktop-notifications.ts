"use client";

import { useSyncExternalStore } from "react";

// The browser's notification permission as React state. Asking is always the person's
// own click (browsers ignore or penalise unprompted requests); every control that asks
// re-reads the permission after the answer.

export type DesktopPermission = "granted" | "denied" | "default" | "unsupported";

const listeners = new Set<() => void>();

function read(): DesktopPermission {
  if (typeof window === "undefined" || !("Notification" in window)) return "unsupported";
  return window.Notification.permission;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Null while unknown: on the server and until hydration, so no control flashes a wrong state. */
export function useDesktopPermission(): DesktopPermission | null {
  return useSyncExternalStore(subscribe, read, () => null);
}

/** Shows the browser's permission prompt; resolves to the answer. */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (read() === "unsupported") return "unsupported";
  try {
    await window.Notification.requestPermission();
  } finally {
    listeners.forEach((l) => l());
  }
  return read();
}

/**
 * A desktop notification when allowed. The tag is the task's: several studio tabs each
 * announce the same task, and the browser keeps one notification per tag.
 */
export function showDesktopNotification(options: { title: string; body?: string; tag: string; href: string }): boolean {
  if (read() !== "granted") return false;
  try {
    const n = new window.Notification(options.title, { body: options.body, tag: options.tag });
    n.onclick = () => {
      window.focus();
      window.location.assign(options.href);
      n.close();
    };
    return true;
  } catch {
    // Some mobile browsers only allow notifications from a service worker.
    return false;
  }
}
