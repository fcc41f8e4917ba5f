import { getDb } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { openStoredProviderKeys, syncEnvProviders } from "@/lib/server/providers/registry";

let booted = false;

/**
 * Once per server process: open and migrate the database, mirror env providers, and
 * check every stored vendor key opens with this server's secret. A database restored
 * without its secret stops here, naming the providers, rather than serving vendors
 * empty keys (REL-9).
 */
export function boot() {
  if (booted) return;
  getDb();
  syncEnvProviders();
  openStoredProviderKeys();
  booted = true;
  logger.info("songloft ready");
}
