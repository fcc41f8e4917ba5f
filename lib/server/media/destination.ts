import dns from "node:dns";
import net, { type LookupFunction } from "node:net";
import { MediaFetchError } from "./fetch-error";
import type { HostPolicy } from "./host-policy";
import { isForbiddenAddress } from "./ip-address";

// Where a download may connect (SEC-10): an http(s) URL on an allowed host, whose
// every resolved address passes the address check, and a lookup that hands the
// socket exactly the address that was checked, so a second DNS answer cannot swap it.

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.promises.lookup(hostname, { all: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

export function parseMediaUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MediaFetchError("scheme", "The media URL is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MediaFetchError("scheme", `Only http and https media URLs are downloaded (got ${url.protocol})`);
  }
  if (url.username || url.password) throw new MediaFetchError("scheme", "Media URLs with credentials are refused");
  return url;
}

/** Checks the host and every address it resolves to; returns the one address to connect to. */
export async function vetDestination(url: URL, policy: HostPolicy, resolve = systemResolve): Promise<ResolvedAddress> {
  if (!policy.allowsHost(url)) throw new MediaFetchError("host", `The host ${url.host} is not an allowed media host`);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const literal = net.isIP(hostname);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch (err) {
      throw new MediaFetchError("network", `Could not resolve ${hostname}`, { cause: err });
    }
  }
  if (addresses.length === 0) throw new MediaFetchError("network", `${hostname} has no addresses`);
  if (!policy.allowsPrivateAddress(url)) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) throw new MediaFetchError("address", `${hostname} resolves to a non-public address (${bad.address})`);
  }
  return [...addresses].sort((a, b) => a.family - b.family)[0];
}

export function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
}
