import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { closeDb } from "@/lib/server/db/client";
import { resetSecretCache } from "@/lib/server/secret";

/** Points the process at a fresh DATA_DIR (new database, new secret) for in-process tests. */
export function useTempDataDir(prefix = "songloft-test-"): string {
  closeDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.DATA_DIR = dir;
  resetEnvCache();
  resetSecretCache();
  return dir;
}
