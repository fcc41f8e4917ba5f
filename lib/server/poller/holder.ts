import os from "node:os";
import { newId } from "@/lib/server/ids";

// Who holds the poller lease: "<host>/<pid>/<random>". A holder on this machine whose
// process is gone (kill -9, a crash, a container restart reusing the pid) is known
// to be dead, so a restarted server takes over at once instead of waiting for the
// lease to expire. Holders on other machines are trusted until their lease expires.

const live = globalThis as typeof globalThis & { __songloftLiveHolders?: Set<string> };

function liveHolders(): Set<string> {
  return (live.__songloftLiveHolders ??= new Set());
}

export function newHolderId(): string {
  return `${os.hostname()}/${process.pid}/${newId()}`;
}

export function registerLiveHolder(holder: string) {
  liveHolders().add(holder);
}

export function unregisterLiveHolder(holder: string) {
  liveHolders().delete(holder);
}

export function isHolderDead(holder: string): boolean {
  const [host, pidText] = holder.split("/");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !liveHolders().has(holder);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
