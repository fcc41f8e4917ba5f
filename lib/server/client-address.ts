import crypto from "node:crypto";
import diagnostics_channel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import net from "node:net";
import { env, type Env } from "@/lib/env";

// The client's address for login limits (SEC-14). Next.js hides the socket from route
// handlers and server actions, and fills X-Forwarded-For with the socket address only
// when the client sent none, so a client could name any address it liked. Node
// announces every request on the `http.server.request.start` diagnostics channel
// before Next.js sees it; there the socket address and the client's own
// X-Forwarded-For are still what arrived, and the resolved address is written into a
// request header that carries this process's random tag, so a client cannot forge it.

const HEADER = "x-songloft-client-address";
const holder = globalThis as typeof globalThis & { __songloftAddressTag?: string };

type TrustProxy = Env["TRUST_PROXY"];

/** An address as it appears in a socket or X-Forwarded-For entry, normalised; null when it is not one. */
function normalise(entry: string | undefined): string | null {
  if (!entry) return null;
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (!net.isIP(text)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  return mapped ? mapped[1] : text.toLowerCase();
}

const blockLists = new WeakMap<TrustProxy, net.BlockList>();

function trustedAddresses(trust: TrustProxy): net.BlockList {
  let list = blockLists.get(trust);
  if (!list) {
    list = new net.BlockList();
    for (const entry of trust.addresses) {
      const [address, bits] = entry.split("/");
      const family = net.isIPv6(address) ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(normalise(address) ?? address, family);
      else list.addSubnet(address, Number(bits), family);
    }
    blockLists.set(trust, list);
  }
  return list;
}

function isTrusted(address: string, hop: number, trust: TrustProxy): boolean {
  if (trust.hops > 0) return hop < trust.hops;
  if (trust.addresses.length === 0) return false;
  return trustedAddresses(trust).check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

/**
 * Walks from the socket towards the client through X-Forwarded-For, one trusted proxy
 * at a time: with a hop count, that many proxies; with a list, while the hop is in it.
 * Without TRUST_PROXY the socket address is the answer.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: TrustProxy): string {
  const chain = [socketAddress, ...(forwardedFor ?? "").split(",").reverse()].map(normalise);
  let client = chain[0];
  if (!client) return "unknown";
  for (let hop = 0; hop < chain.length - 1 && isTrusted(client, hop, trust); hop++) {
    const next = chain[hop + 1];
    if (!next) break; // a malformed entry: the proxy that passed it on is as far as we can see
    client = next;
  }
  return client;
}

/** Once per process (instrumentation.ts): tags every incoming request with its client's address. */
export function tagRequestsWithClientAddress() {
  if (holder.__songloftAddressTag) return;
  const tag = crypto.randomBytes(16).toString("base64url");
  holder.__songloftAddressTag = tag;
  diagnostics_channel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: net.Socket };
    const forwarded = request.headers["x-forwarded-for"];
    const address = resolveClientAddress(socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, env().TRUST_PROXY);
    request.headers[HEADER] = `${tag} ${address}`;
  });
}

/** The client address of a request this process tagged; "unknown" for anything else. */
export function clientAddress(headers: Headers): string {
  const tag = holder.__songloftAddressTag;
  const [given, address] = (headers.get(HEADER) ?? "").split(" ");
  return tag && given === tag && address ? address : "unknown";
}
