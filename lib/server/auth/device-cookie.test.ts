import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetSecretCache } from "@/lib/server/secret";
import { DEVICE_COOKIE, deviceCookieFor, readDeviceCookie, sealDeviceCookie } from "./device-cookie";

// SEC-14: a device cookie is this server's signature over (user, device), nothing more.

describe("device cookie", () => {
  const saved = process.env.AUTH_SECRET;
  const use = (secret: string) => {
    process.env.AUTH_SECRET = secret;
    resetEnvCache();
    resetSecretCache();
  };
  beforeAll(() => use("d".repeat(32) + "-device-cookie-test"));
  afterAll(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
    resetEnvCache();
    resetSecretCache();
  });

  it("reads back what this server sealed, among other cookies", () => {
    const value = sealDeviceCookie({ userId: "u1", deviceId: "d1" });
    expect(readDeviceCookie(`a=1; ${DEVICE_COOKIE}=${value}; b=2`)).toEqual({ userId: "u1", deviceId: "d1" });
  });

  it("keeps the device id for the same user and makes a new one for another", () => {
    const held = { userId: "u1", deviceId: "d1" };
    expect(readDeviceCookie(`${DEVICE_COOKIE}=${deviceCookieFor("u1", held)}`)).toEqual(held);
    const other = readDeviceCookie(`${DEVICE_COOKIE}=${deviceCookieFor("u2", held)}`);
    expect(other?.userId).toBe("u2");
    expect(other?.deviceId).not.toBe("d1");
  });

  it("refuses a changed user, a bad signature, another server's cookie and garbage", () => {
    const value = sealDeviceCookie({ userId: "u1", deviceId: "d1" });
    const [, , mac] = value.split(".");
    expect(readDeviceCookie(`${DEVICE_COOKIE}=u2.d1.${mac}`)).toBeNull();
    expect(readDeviceCookie(`${DEVICE_COOKIE}=u1.d1.${mac.slice(0, -2)}AA`)).toBeNull();
    expect(readDeviceCookie(`${DEVICE_COOKIE}=u1.d1`)).toBeNull();
    expect(readDeviceCookie(`${DEVICE_COOKIE}=${value}.extra`)).toBeNull();
    expect(readDeviceCookie(null)).toBeNull();
    use("e".repeat(32) + "-another-server");
    expect(readDeviceCookie(`${DEVICE_COOKIE}=${value}`)).toBeNull();
  });
});
