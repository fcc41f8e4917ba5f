import net from "node:net";
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
/** A single address or a CIDR block, IPv4 or IPv6. */
function isAddressOrBlock(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  const family = net.isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

// Which proxies may tell us the client's address in X-Forwarded-For: none (the socket
// address counts), the nearest N hops, or the proxies at these addresses.
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "" || v === "0" || v.toLowerCase() === "false") return { hops: 0, addresses: [] as string[] };
    if (/^\d+$/.test(v)) return { hops: Number(v), addresses: [] as string[] };
    const addresses = v
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    const bad = addresses.filter((a) => !isAddressOrBlock(a));
    if (bad.length > 0 || addresses.length === 0) {
      ctx.addIssue({ code: "custom", message: `TRUST_PROXY must be a hop count or a comma-separated list of addresses and CIDR blocks (not ${bad.join(", ") || v})` });
      return z.NEVER;
    }
    return { hops: 0, addresses };
  });

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
  POLL_TIMEOUT_MINUTES: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(15),
  ),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  HOSTNAME: z.preprocess(blankToUndefined, z.string().optional()),
  TRUST_PROXY: z.preprocess((v) => v ?? "", trustProxy),
  // Single sign-on (OpenID Connect): on when the issuer, client id and secret are all set.
  // Kept exactly as written: it must equal the provider's `issuer` (Authentik's ends in "/").
  OIDC_ISSUER: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^https?$/ }))
      .optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  OIDC_NAME: z.preprocess(blankToUndefined, z.string().trim().max(60).default("SSO")),
  // Email domains whose people may join by single sign-on without an invite.
  OIDC_ALLOWED_DOMAINS: hostList,
  // Bearer token for GET /metrics; unset: /metrics answers 404.
  METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional()),
  // Hosts (host or host:port) outbound team webhooks may reach on private or loopback addresses.
  WEBHOOK_ALLOWED_HOSTS: hostList,
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
