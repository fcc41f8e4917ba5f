import net from "node:net";

// Classifies the addresses a media host resolves to (SEC-10). Only public unicast
// space passes: IPv4 minus the special-purpose registry, and IPv6 global unicast
// (2000::/3) minus the ranges that tunnel or embed an IPv4 address, whose embedded
// address is judged instead. Anything that does not parse is refused.

type V4Range = [number, number]; // [network as uint32, prefix length]

const V4_BLOCKED: V4Range[] = [
  [ip4("0.0.0.0"), 8], // "this network"
  [ip4("10.0.0.0"), 8], // private
  [ip4("100.64.0.0"), 10], // carrier-grade NAT
  [ip4("127.0.0.0"), 8], // loopback
  [ip4("169.254.0.0"), 16], // link-local, cloud metadata
  [ip4("172.16.0.0"), 12], // private
  [ip4("192.0.0.0"), 24], // IETF protocol assignments
  [ip4("192.0.2.0"), 24], // documentation
  [ip4("192.88.99.0"), 24], // 6to4 relay anycast
  [ip4("192.168.0.0"), 16], // private
  [ip4("198.18.0.0"), 15], // benchmarking
  [ip4("198.51.100.0"), 24], // documentation
  [ip4("203.0.113.0"), 24], // documentation
  [ip4("224.0.0.0"), 4], // multicast
  [ip4("240.0.0.0"), 4], // reserved and broadcast
];

function ip4(text: string): number {
  return text.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function v4Blocked(value: number): boolean {
  return V4_BLOCKED.some(([network, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(network / 2 ** (32 - bits)));
}

/** 16 bytes for an IPv6 text form (with `::` and a trailing dotted quad), or null. */
export function parseIpv6(text: string): number[] | null {
  let bare = text.replace(/^\[|\]$/g, "").split("%")[0];
  if (!net.isIPv6(bare)) return null;
  // A trailing dotted quad becomes two hex groups, so one parser handles every form.
  bare = bare.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const halves = bare.split("::");
  const groups = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const words = halves.length === 2 ? [...left, ...new Array(8 - left.length - right.length).fill(0), ...right] : left;
  if (words.length !== 8 || words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function embeddedV4(bytes: number[], offset: number): number {
  return ((bytes[offset] * 256 + bytes[offset + 1]) * 256 + bytes[offset + 2]) * 256 + bytes[offset + 3];
}

function v6Blocked(b: number[]): boolean {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, also covers :: and ::1).
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Blocked(embeddedV4(b, 12));
  if (zeros(0, 12)) return true;
  // 64:ff9b::/96 NAT64 and 64:ff9b:1::/48 local-use NAT64.
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    return zeros(4, 12) ? v4Blocked(embeddedV4(b, 12)) : true;
  }
  // Only global unicast beyond this point: fc00::/7, fe80::/10, ff00::/8 and the rest fall out here.
  if ((b[0] & 0xe0) !== 0x20) return true;
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true; // documentation
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return true; // Teredo hides its IPv4 target
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && (b[3] & 0xf0) === 0x10) return true; // ORCHIDv2 and friends
  if (b[0] === 0x20 && b[1] === 0x02) return v4Blocked(embeddedV4(b, 2)); // 6to4
  return false;
}

/** True when a download must not connect to this address (unless its host is explicitly allowed). */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (net.isIPv4(bare)) return v4Blocked(ip4(bare));
  const bytes = parseIpv6(bare);
  return bytes === null ? true : v6Blocked(bytes);
}
