import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { MediaKind } from "./content-types";

// The archive on disk: DATA_DIR/media/<first two characters of the clip id>/<clip id>/<kind>.<ext>.
// The fan-out keeps directories small; files appear only by rename from media/.tmp,
// so a reader never sees a half-written file.

const CLIP_ID = /^[A-Za-z0-9_-]{2,64}$/;

export function mediaRoot(): string {
  return path.join(env().dataDir, "media");
}

export function mediaTempDir(): string {
  return path.join(mediaRoot(), ".tmp");
}

function clipDir(clipId: string): string {
  if (!CLIP_ID.test(clipId)) throw new Error("Refusing a clip id that is not a plain identifier");
  return path.join(clipId.slice(0, 2), clipId);
}

/** The path stored in media_files.path, relative to the media root. */
export function relativeMediaPath(clipId: string, kind: MediaKind, ext: string): string {
  if (!/^[a-z0-9]{1,5}$/.test(ext)) throw new Error("Refusing an unusual file extension");
  // A relative name, not a file access: without the comment Turbopack's file tracing
  // takes it for one and warns on every build that it traces the whole project.
  return path.join(/*turbopackIgnore: true*/ clipDir(clipId), `${kind}.${ext}`);
}

/** Absolute path for a stored relative path; refuses anything that escapes the media root. */
export function absoluteMediaPath(relative: string): string {
  const root = mediaRoot();
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("Media path escapes the archive");
  return full;
}

/** Moves a finished download into place atomically; an older file of the same kind is replaced. */
export async function commitMediaFile(tempPath: string, relative: string): Promise<void> {
  const target = absoluteMediaPath(relative);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(tempPath, target);
}

/** Writes bytes rendered in memory (demo assets) through the same temp-then-rename path. */
export async function writeMediaBuffer(body: Buffer, relative: string): Promise<void> {
  const dir = mediaTempDir();
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${crypto.randomBytes(12).toString("hex")}.part`);
  try {
    await fs.promises.writeFile(temp, body, { flag: "wx" });
    await commitMediaFile(temp, relative);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}

export async function removeMediaFile(relative: string): Promise<void> {
  await fs.promises.rm(absoluteMediaPath(relative), { force: true });
}

/** Removes every archived file of a clip (purge). */
export function removeClipMediaDir(clipId: string): void {
  fs.rmSync(path.join(mediaRoot(), clipDir(clipId)), { recursive: true, force: true });
}

/** Partial downloads a crash left behind; anything older than any download may run. */
export async function removeStaleTempFiles(olderThanMs: number, now = Date.now()): Promise<number> {
  const dir = mediaTempDir();
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith(".part"))) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > olderThanMs) {
      await fs.promises.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
