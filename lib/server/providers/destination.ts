import dns from "node:dns";
import net, { type LookupFunction } from "node:net";
import { isListedHost } from "@/lib/server/media/host-policy";
import { isForbiddenAddress } from "@/lib/server/media/ip-address";

// Where a vendor key may be sent (SEC-15): a provider's host must resolve to public
// addresses only, unless the operator lists it in PROVIDER_ALLOWED_HOSTS (a relay on
// this machine or the LAN). The check runs in the lookup the socket itself uses, so
// a second DNS answer cannot slip a private address in after a first public one.

export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDR";
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to a private or loopback address (${address}); list the host in PROVIDER_ALLOWED_HOSTS to allow it`);
    this.name = "PrivateAddressError";
  }
}

const bare = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** The forbidden address a literal-IP host names, if any (sockets skip the lookup for those). */
function forbiddenLiteral(url: URL): string | null {
  const host = bare(url);
  return net.isIP(host) && isForbiddenAddress(host) ? host : null;
}

/**
 * For the request: throws for a forbidden literal IP, then answers the lookup to give
 * the socket (undefined: the system's, for hosts the operator allowed).
 */
export function guardedLookup(url: URL, allowed: string[]): LookupFunction | undefined {
  if (isListedHost(allowed, url)) return undefined;
  const literal = forbiddenLiteral(url);
  if (literal) throw new PrivateAddressError(bare(url), literal);
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err);
      const bad = addresses.find((a) => isForbiddenAddress(a.address));
      if (bad) return callback(new PrivateAddressError(hostname, bad.address));
      if (options?.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/**
 * For the admin form: the private address a base URL points at, or null. A host that
 * does not resolve right now passes here; the request-time check still guards it.
 */
export async function privateAddressOf(baseUrl: string, allowed: string[]): Promise<string | null> {
  const url = new URL(baseUrl);
  if (isListedHost(allowed, url)) return null;
  if (net.isIP(bare(url))) return forbiddenLiteral(url);
  try {
    const addresses = await dns.promises.lookup(bare(url), { all: true });
    return addresses.find((a) => isForbiddenAddress(a.address))?.address ?? null;
  } catch {
    return null;
  }
}
