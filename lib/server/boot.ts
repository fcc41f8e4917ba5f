import { getDb } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { syncEnvProviders } from "@/lib/server/providers/registry";

let booted = false;

/** Once per server process: open and migrate the database, mirror env providers. */
export function boot() {
  if (booted) return;
  getDb();
  syncEnvProviders();
  booted = true;
  logger.info("songloft ready");
}
