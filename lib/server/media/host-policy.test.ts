import { describe, expect, it } from "vitest";
import { createHostPolicy, parseHostEntry } from "./host-policy";

const policy = createHostPolicy({
  extraHosts: ["media.example.org", "127.0.0.1:4010", "[::1]:4011"],
  providerBaseUrls: ["https://api.sunohub.cn", "http://127.0.0.1:5050/v1", ""],
});
const u = (s: string) => new URL(s);

describe("createHostPolicy", () => {
  it("allows the Suno CDN on its default port", () => {
    expect(policy.allowsHost(u("https://cdn1.suno.ai/abc.mp3"))).toBe(true);
    expect(policy.allowsHost(u("https://cdn2.suno.ai/image_abc.jpeg"))).toBe(true);
    expect(policy.allowsHost(u("https://cdn1.suno.ai:8443/abc.mp3"))).toBe(false);
  });

  it("never allows the audiopipe stream host, even when listed", () => {
    const listed = createHostPolicy({ extraHosts: ["audiopipe.suno.ai"], providerBaseUrls: [] });
    expect(listed.allowsHost(u("https://audiopipe.suno.ai/?item_id=1"))).toBe(false);
  });

  it("allows each provider's own host and port", () => {
    expect(policy.allowsHost(u("https://api.sunohub.cn/files/a.mp3"))).toBe(true);
    expect(policy.allowsHost(u("http://127.0.0.1:5050/media/a.mp3"))).toBe(true);
    expect(policy.allowsHost(u("http://127.0.0.1:5051/media/a.mp3"))).toBe(false);
  });

  it("refuses hosts nobody listed", () => {
    expect(policy.allowsHost(u("https://evil.example.com/a.mp3"))).toBe(false);
    expect(policy.allowsHost(u("https://suno.ai.evil.com/a.mp3"))).toBe(false);
  });

  it("lets only MEDIA_ALLOWED_HOSTS reach private addresses", () => {
    expect(policy.allowsPrivateAddress(u("http://127.0.0.1:4010/a.mp3"))).toBe(true);
    expect(policy.allowsPrivateAddress(u("http://[::1]:4011/a.mp3"))).toBe(true);
    expect(policy.allowsPrivateAddress(u("http://127.0.0.1:5050/a.mp3"))).toBe(false);
    expect(policy.allowsPrivateAddress(u("https://cdn1.suno.ai/a.mp3"))).toBe(false);
    expect(policy.allowsHost(u("https://media.example.org:9000/a.mp3"))).toBe(true); // a bare host means any port
  });
});

describe("parseHostEntry", () => {
  it("reads host and host:port forms", () => {
    expect(parseHostEntry("Media.Example.org")).toEqual({ host: "media.example.org", port: undefined });
    expect(parseHostEntry("localhost:3000")).toEqual({ host: "localhost", port: "3000" });
    expect(parseHostEntry("[::1]:80")).toEqual({ host: "::1", port: "80" });
    expect(parseHostEntry("::1")).toEqual({ host: "::1", port: undefined });
    expect(parseHostEntry("http://x/")).toBeNull();
  });
});
