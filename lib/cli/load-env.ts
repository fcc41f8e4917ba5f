import { loadEnvConfig } from "@next/env";

/** The same .env files `next start` reads, so the CLI and the server agree on DATA_DIR and keys. */
export function loadEnvFiles() {
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
}
