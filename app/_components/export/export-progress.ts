"use client";

import { useCallback, useEffect, useRef, useState } from "react";

// The page side of an export. The ZIP is downloaded by a plain link navigation
// (<a download>), so the browser streams it to disk through its own download manager:
// a 10 GB library never passes through the tab's memory, as it would with fetch() and
// a Blob. Progress comes from a companion request: the link carries an id the page
// made up (`progress=<id>`), and the page polls /api/v1/export/progress/<id> for songs
// and bytes written, and DELETEs it to cancel (the server ends the ZIP, so the
// browser marks the download failed rather than keeping a cut file).

export type ExportScope = "mine" | "starred";
/** What to export: my songs, my starred songs, or a playlist by id. */
export type ExportTarget = ExportScope | { playlist: string };

const targetQuery = (target: ExportTarget) => (typeof target === "string" ? `scope=${target}` : `playlist=${encodeURIComponent(target.playlist)}`);

export type ExportStatus =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "running"; done: number; total: number; bytes: number }
  | { phase: "finished"; total: number; bytes: number }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string | null };

interface Progress {
  state: "running" | "finished" | "failed" | "cancelled" | "refused";
  total: number;
  done: number;
  bytes: number;
  message?: string;
}

const POLL_MS = 700;
/** How long the page waits for the browser to start the download before calling it failed. */
const START_TIMEOUT_MS = 30_000;

function toStatus(p: Progress): ExportStatus {
  if (p.state === "running") return { phase: "running", done: p.done, total: p.total, bytes: p.bytes };
  if (p.state === "finished") return { phase: "finished", total: p.total, bytes: p.bytes };
  if (p.state === "cancelled") return { phase: "cancelled" };
  return { phase: "failed", message: p.message ?? null };
}

export function useExport() {
  const [status, setStatus] = useState<ExportStatus>({ phase: "idle" });
  const current = useRef<{ id: string; startedAt: number } | null>(null);

  useEffect(() => {
    if (status.phase !== "starting" && status.phase !== "running") return;
    const timer = setTimeout(async () => {
      const run = current.current;
      if (!run) return;
      const res = await fetch(`/api/v1/export/progress/${run.id}`, { cache: "no-store" }).catch(() => null);
      if (current.current !== run) return;
      if (res?.ok) setStatus(toStatus((await res.json()) as Progress));
      else if (Date.now() - run.startedAt > START_TIMEOUT_MS) setStatus({ phase: "failed", message: null });
      // Not registered yet (the browser has not sent the request): a new object schedules the next poll.
      else setStatus((s) => ({ ...s }));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const start = useCallback((target: ExportTarget) => {
    // getRandomValues, not randomUUID: the latter needs a secure context, and a self-hosted server is often plain HTTP on a LAN.
    const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    current.current = { id, startedAt: Date.now() };
    const link = document.createElement("a");
    link.href = `/api/v1/export?${targetQuery(target)}&progress=${id}`;
    link.download = "";
    document.body.append(link);
    link.click();
    link.remove();
    setStatus({ phase: "starting" });
  }, []);

  const cancel = useCallback(async () => {
    const run = current.current;
    if (!run) return;
    await fetch(`/api/v1/export/progress/${run.id}`, { method: "DELETE" }).catch(() => null);
    if (current.current === run) setStatus({ phase: "cancelled" });
  }, []);

  const dismiss = useCallback(() => {
    current.current = null;
    setStatus({ phase: "idle" });
  }, []);

  return { status, start, cancel, dismiss };
}

/** 48 MB, 512 KB: enough precision for a progress line. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.max(0, Math.round(bytes / 1e3))} KB`;
}
