import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Parsed once, on first use, so that
// `next build` (which never needs runtime configuration) does not require it.

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => v.replace(/\/+$/, ""))
  .pipe(z.url({ protocol: /^https?$/ }))
  .optional();

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const hostList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
);

const schema = z.object({
  DATA_DIR: z.string().default("./data"),
  AUTH_SECRET: z.preprocess(blankToUndefined, z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()),
  APP_URL: z.preprocess(blankToUndefined, optionalUrl),
  NEWAPI_BASE_URL: z.preprocess(blankToUndefined, optionalUrl),
  NEWAPI_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  NENGYONGAI_BASE_URL: z.preprocess(blankToUndefined, optionalUrl),
  NENGYONGAI_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  SUNOHUB_BASE_URL: z.preprocess(blankToUndefined, optionalUrl),
  SUNOHUB_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  DEMO_PROVIDER: z.preprocess(blankToUndefined, z.enum(["on", "off"]).default("on")),
  MEDIA_ALLOWED_HOSTS: hostList,
  // Provider hosts (host or host:port) whose base URL may resolve to a loopback or private address (SEC-15).
  PROVIDER_ALLOWED_HOSTS: hostList,
  POLL_TIMEOUT_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().positive().max(24 * 60).default(15)),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  HOSTNAME: z.preprocess(blankToUndefined, z.string().optional()),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
  return cached;
}

/** Tests and the CLI change the environment between runs; this forgets the cached copy. */
export function resetEnvCache() {
  cached = undefined;
}
