import { spawnSync } from "node:child_process";
import path from "node:path";

/** Writes a real MP3 to `file` with make-mp3.mts: `loudSeconds` of a tone, then `silentSeconds` of silence. */
export function writeToneMp3(file: string, loudSeconds: number, silentSeconds = 0): void {
  const made = spawnSync(path.resolve("node_modules/.bin/tsx"), ["tests/support/make-mp3.mts", file, String(loudSeconds), String(silentSeconds)], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`make-mp3 failed: ${made.stderr}`);
}
