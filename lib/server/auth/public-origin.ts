import type { NextRequest } from "next/server";
import { env } from "@/lib/env";

// `next start` hands route handlers a URL on its own listening address
// (http://127.0.0.1:3000/…), not the one the browser used. Auth.js builds the single
// sign-on redirect_uri from that URL when the provider calls back, while the sign-in
// server action built it from the Host / X-Forwarded-* headers (or APP_URL): the two
// must agree, or the provider refuses the code exchange. So the auth route sees the
// public origin: APP_URL when configured, else the headers, as Auth.js's actions read them.

/** The origin the browser reaches the app on. */
export function publicOrigin(headers: Headers, fallback: URL): string {
  const configured = env().APP_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return fallback.origin;
  const proto = (headers.get("x-forwarded-proto") ?? fallback.protocol).replace(/:$/, "").split(",")[0].trim();
  try {
    return new URL(`${proto}://${host.split(",")[0].trim()}`).origin;
  } catch {
    return fallback.origin;
  }
}

/**
 * The same request, addressed to the public origin. A standard Request, not a
 * NextRequest: NextRequest rewrites 127.0.0.1 and [::1] in its URL to "localhost",
 * which would make the callback's redirect_uri differ from the sign-in's on a loopback
 * address. `nextUrl` is there for next-auth, which reads it when AUTH_URL is set.
 */
export function atPublicOrigin(req: NextRequest): NextRequest {
  const incoming = new URL(req.url);
  const url = new URL(`${publicOrigin(req.headers, incoming)}${incoming.pathname}${incoming.search}`);
  return Object.assign(new Request(url, req), { nextUrl: url }) as unknown as NextRequest;
}
