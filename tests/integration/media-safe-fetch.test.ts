import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHostPolicy } from "@/lib/server/media/host-policy";
import { MAX_MEDIA_BYTES, MediaFetchError, safeDownload, type ResolvedAddress, type SafeDownloadOptions } from "@/lib/server/media/safe-fetch";
import { waitFor } from "../support/wait-for";
import { serveBytes, startServer, streamZeros, type TestServer } from "./media-support";

// SEC-10 against real sockets: what the archiver refuses to fetch, and what it keeps.

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-safe-fetch-"));
const audio = crypto.randomBytes(4096);
let cdn: TestServer;

beforeAll(async () => {
  cdn = await startServer(serveBytes(audio, "audio/mpeg"));
});
afterAll(async () => {
  await cdn.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});
afterEach(() => {
  // Nothing half-written may stay behind, success or not (successful tests move their file out).
  expect(fs.readdirSync(tempDir)).toEqual([]);
});

function options(overrides: Partial<SafeDownloadOptions> & { extraHosts?: string[]; providerBaseUrls?: string[] } = {}): SafeDownloadOptions {
  const { extraHosts = [], providerBaseUrls = [], ...rest } = overrides;
  return { kind: "audio", tempDir, policy: createHostPolicy({ extraHosts, providerBaseUrls }), ...rest };
}

/** A resolver that answers like DNS would for a hostile vendor's domain. */
const resolvingTo =
  (...addresses: string[]) =>
  async (): Promise<ResolvedAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

async function refusal(promise: Promise<unknown>): Promise<MediaFetchError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaFetchError);
  return err as MediaFetchError;
}

function takeFile(tempPath: string): Buffer {
  const body = fs.readFileSync(tempPath);
  fs.rmSync(tempPath);
  return body;
}

describe("safeDownload refuses", () => {
  it.each(["file:///etc/passwd", "ftp://cdn1.suno.ai/a.mp3", "data:audio/mpeg;base64,AAAA", "gopher://cdn1.suno.ai/", "javascript:alert(1)"])(
    "the non-http scheme of %s",
    async (url) => {
      expect((await refusal(safeDownload(url, options()))).reason).toBe("scheme");
    },
  );

  it("a host nobody allowed", async () => {
    const err = await refusal(safeDownload("https://attacker.example/a.mp3", options({ resolve: resolvingTo("93.184.216.34") })));
    expect(err.reason).toBe("host");
  });

  it("a loopback address, even on a provider's own host, unless MEDIA_ALLOWED_HOSTS lists it", async () => {
    const err = await refusal(safeDownload(`${cdn.url}/a.mp3`, options({ providerBaseUrls: [cdn.url] })));
    expect(err.reason).toBe("address");
    expect(cdn.hits).toEqual([]);
  });

  it("localhost, which the system resolver turns into loopback", async () => {
    const err = await refusal(safeDownload(`http://localhost:${cdn.port}/a.mp3`, options({ providerBaseUrls: [`http://localhost:${cdn.port}`] })));
    expect(err.reason).toBe("address");
  });

  it.each([
    ["loopback", "127.0.0.1"],
    ["private 10/8", "10.0.0.8"],
    ["private 172.16/12", "172.20.1.1"],
    ["private 192.168/16", "192.168.0.1"],
    ["link-local metadata", "169.254.169.254"],
    ["CGNAT", "100.64.3.4"],
    ["this-network", "0.0.0.0"],
    ["IPv6 loopback", "::1"],
    ["IPv6 unique local", "fd00::5"],
    ["IPv6 link-local", "fe80::1"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
    ["IPv4-mapped private", "::ffff:192.168.1.1"],
  ])("a Suno CDN name that resolves to %s", async (_label, address) => {
    const err = await refusal(safeDownload("https://cdn1.suno.ai/abc.mp3", options({ resolve: resolvingTo(address) })));
    expect(err.reason).toBe("address");
  });

  it("a name with one public and one private answer (every address is checked)", async () => {
    const err = await refusal(safeDownload("https://cdn1.suno.ai/abc.mp3", options({ resolve: resolvingTo("104.18.1.1", "10.0.0.1") })));
    expect(err.reason).toBe("address");
  });

  it.each(["http://[::1]:PORT/a.mp3", "http://[::ffff:127.0.0.1]:PORT/a.mp3", "http://[fd00::1]:PORT/a.mp3", "http://0x7f000001:PORT/a.mp3"])(
    "the IP literal %s",
    async (template) => {
      const url = template.replace("PORT", String(cdn.port));
      const host = new URL(url).host;
      const err = await refusal(safeDownload(url, options({ providerBaseUrls: [`http://${host}`] })));
      expect(err.reason).toBe("address");
    },
  );

  it("a redirect to loopback, and the loopback server never sees a request", async () => {
    const inner = await startServer(serveBytes(audio, "audio/mpeg"));
    const outer = await startServer((_req, res) => {
      res.writeHead(302, { location: `${inner.url}/secret.mp3` });
      res.end();
    });
    try {
      // The first hop is explicitly allowed; the second is a provider host on loopback, which is not.
      const err = await refusal(safeDownload(`${outer.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${outer.port}`], providerBaseUrls: [inner.url] })));
      expect(err.reason).toBe("address");
      expect(outer.hits).toEqual(["/a.mp3"]);
      expect(inner.hits).toEqual([]);
    } finally {
      await Promise.all([inner.stop(), outer.stop()]);
    }
  });

  it("a redirect to a CDN name that resolves to loopback", async () => {
    const outer = await startServer((_req, res) => {
      res.writeHead(307, { location: "https://cdn2.suno.ai/x.mp3" });
      res.end();
    });
    try {
      const resolve = async (host: string): Promise<ResolvedAddress[]> => [{ address: host === "cdn2.suno.ai" ? "127.0.0.1" : "8.8.8.8", family: 4 }];
      const err = await refusal(safeDownload(`${outer.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${outer.port}`], resolve })));
      expect(err.reason).toBe("address");
    } finally {
      await outer.stop();
    }
  });

  it("a redirect to file:", async () => {
    const outer = await startServer((_req, res) => {
      res.writeHead(301, { location: "file:///etc/passwd" });
      res.end();
    });
    try {
      expect((await refusal(safeDownload(`${outer.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${outer.port}`] })))).reason).toBe("scheme");
    } finally {
      await outer.stop();
    }
  });

  it("more than five redirects", async () => {
    const loop = await startServer((req, res) => {
      const n = Number(new URL(req.url ?? "/", "http://x").searchParams.get("n") ?? 0);
      res.writeHead(302, { location: `/a.mp3?n=${n + 1}` });
      res.end();
    });
    try {
      const err = await refusal(safeDownload(`${loop.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${loop.port}`] })));
      expect(err.reason).toBe("redirect");
      expect(loop.hits).toHaveLength(6); // the first request and five redirects followed
    } finally {
      await loop.stop();
    }
  });

  it("text/html where audio was expected", async () => {
    const page = await startServer(serveBytes(Buffer.from("<html><script>alert(1)</script></html>"), "text/html; charset=utf-8"));
    try {
      const err = await refusal(safeDownload(`${page.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${page.port}`] })));
      expect(err.reason).toBe("content_type");
    } finally {
      await page.stop();
    }
  });

  it("a 150 MB body, cut off once it passes 100 MB", async () => {
    const progress = { sent: 0, finished: false, aborted: false };
    const big = await startServer(streamZeros(150 * 1024 * 1024, progress));
    try {
      const err = await refusal(safeDownload(`${big.url}/big.mp3`, options({ extraHosts: [`127.0.0.1:${big.port}`] })));
      expect(err.reason).toBe("too_large");
      await waitFor(() => progress.aborted || progress.finished, { what: "the CDN to see the download end" });
      expect(progress.finished).toBe(false);
      expect(progress.aborted).toBe(true);
      expect(progress.sent).toBeGreaterThan(MAX_MEDIA_BYTES);
      expect(progress.sent).toBeLessThan(150 * 1024 * 1024);
    } finally {
      await big.stop();
    }
  });

  it("a declared Content-Length over the cap, before reading the body", async () => {
    const liar = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": String(150 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    try {
      expect((await refusal(safeDownload(`${liar.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${liar.port}`] })))).reason).toBe("too_large");
    } finally {
      await liar.stop();
    }
  });

  it("a host that never answers, once the timeout passes", async () => {
    const silent = await startServer(() => undefined);
    try {
      const started = Date.now();
      const err = await refusal(safeDownload(`${silent.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${silent.port}`], idleTimeoutMs: 60_000, totalTimeoutMs: 400 })));
      expect(err.reason).toBe("timeout");
      expect(err.permanent).toBe(false);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await silent.stop();
    }
  });

  it("an HTTP error, as a retryable failure", async () => {
    const broken = await startServer(serveBytes(Buffer.from("oops"), "text/plain", 503));
    try {
      const err = await refusal(safeDownload(`${broken.url}/a.mp3`, options({ extraHosts: [`127.0.0.1:${broken.port}`] })));
      expect(err.reason).toBe("status");
      expect(err.permanent).toBe(false);
    } finally {
      await broken.stop();
    }
  });
});

describe("safeDownload keeps", () => {
  it("a file from a host in MEDIA_ALLOWED_HOSTS, with its sha256 and size", async () => {
    const file = await safeDownload(`${cdn.url}/song.mp3`, options({ extraHosts: [`127.0.0.1:${cdn.port}`] }));
    expect(file).toMatchObject({ contentType: "audio/mpeg", size: audio.length, sha256: crypto.createHash("sha256").update(audio).digest("hex") });
    expect(takeFile(file.tempPath).equals(audio)).toBe(true);
  });

  it("octet-stream audio when the URL names an .mp3", async () => {
    const generic = await startServer(serveBytes(audio, "application/octet-stream"));
    try {
      const file = await safeDownload(`${generic.url}/song.mp3`, options({ extraHosts: [`127.0.0.1:${generic.port}`] }));
      expect(file.contentType).toBe("audio/mpeg");
      takeFile(file.tempPath);
      const err = await refusal(safeDownload(`${generic.url}/song`, options({ extraHosts: [`127.0.0.1:${generic.port}`] })));
      expect(err.reason).toBe("content_type");
    } finally {
      await generic.stop();
    }
  });

  it("the address it vetted: the connection is pinned, not resolved again", async () => {
    let lookups = 0;
    const resolve = async (host: string): Promise<ResolvedAddress[]> => {
      lookups++;
      expect(host).toBe("media.songloft.test"); // a name no real DNS knows
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const file = await safeDownload(`http://media.songloft.test:${cdn.port}/pinned.mp3`, options({ extraHosts: [`media.songloft.test:${cdn.port}`], resolve }));
    expect(lookups).toBe(1);
    expect(takeFile(file.tempPath).equals(audio)).toBe(true);
  });

  it("a file behind allowed redirects, checking each hop", async () => {
    const hop = await startServer((_req, res) => {
      res.writeHead(302, { location: `${cdn.url}/final.mp3` });
      res.end();
    });
    try {
      const file = await safeDownload(`${hop.url}/start.mp3`, options({ extraHosts: [`127.0.0.1:${hop.port}`, `127.0.0.1:${cdn.port}`] }));
      expect(file.finalUrl).toBe(`${cdn.url}/final.mp3`);
      expect(takeFile(file.tempPath).equals(audio)).toBe(true);
    } finally {
      await hop.stop();
    }
  });
});
