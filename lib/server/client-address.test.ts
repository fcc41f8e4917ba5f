import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./client-address";

// SEC-14: X-Forwarded-For counts only as far as TRUST_PROXY says; otherwise the socket's address.

const none = { hops: 0, addresses: [] };
const hops = (n: number) => ({ hops: n, addresses: [] });
const list = (...addresses: string[]) => ({ hops: 0, addresses });

describe("resolveClientAddress", () => {
  it("without TRUST_PROXY takes the socket address and ignores whatever the client forwards", () => {
    expect(resolveClientAddress("198.51.100.7", "1.2.3.4", none)).toBe("198.51.100.7");
    expect(resolveClientAddress("::ffff:198.51.100.7", undefined, none)).toBe("198.51.100.7");
    expect(resolveClientAddress("2001:DB8::1", "", none)).toBe("2001:db8::1");
    expect(resolveClientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
  });

  it("with a hop count walks back that many proxies, never past what was forwarded", () => {
    // nginx appends the address it saw: a spoofed entry sits to its left and is never reached.
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", hops(1))).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9, 10.0.0.2", hops(2))).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", hops(3))).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", undefined, hops(1))).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "[2001:db8::5]:4711", hops(1))).toBe("2001:db8::5");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9:4711", hops(1))).toBe("203.0.113.9");
  });

  it("with an address list walks back while the hop is a listed proxy", () => {
    const trusted = list("127.0.0.1", "10.0.0.0/8", "fd00::/8");
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.9", trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("fd00::1", "2001:db8::7", trusted)).toBe("2001:db8::7");
    // Straight from an untrusted address: its forwarded header means nothing.
    expect(resolveClientAddress("198.51.100.7", "1.2.3.4", trusted)).toBe("198.51.100.7");
  });

  it("stops at a malformed entry, keeping the proxy that passed it on", () => {
    expect(resolveClientAddress("127.0.0.1", "not-an-address", hops(1))).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9, junk", list("127.0.0.1"))).toBe("127.0.0.1");
  });
});
