import crypto from "node:crypto";
import { newId } from "@/lib/server/ids";
import { appSecret } from "@/lib/server/secret";

// A browser that signed in before carries a device cookie: "<userId>.<deviceId>.<mac>",
// HMAC-signed with a key derived from the app secret (SEC-14). It grants nothing on its
// own; it only lets its holder's sign-ins to that one account be counted apart from
// everyone else's, so an attacker's failures cannot lock the owner's own browser out.

export const DEVICE_COOKIE = "songloft-device";
/** Browsers cap cookie lifetimes at 400 days. */
export const DEVICE_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

export interface DeviceClaim {
  userId: string;
  deviceId: string;
}

function mac(body: string): Buffer {
  const key = Buffer.from(crypto.hkdfSync("sha256", appSecret(), "songloft", "device-cookie", 32));
  return crypto.createHmac("sha256", key).update(body).digest();
}

export function sealDeviceCookie({ userId, deviceId }: DeviceClaim): string {
  const body = `${userId}.${deviceId}`;
  return `${body}.${mac(body).toString("base64url")}`;
}

/** A device cookie for this user: the one the browser holds when it is theirs, else a new one. */
export function deviceCookieFor(userId: string, held: DeviceClaim | null): string {
  return sealDeviceCookie({ userId, deviceId: held?.userId === userId ? held.deviceId : newId() });
}

/** The claim in a Cookie header's device cookie, when this server signed it; otherwise null. */
export function readDeviceCookie(cookieHeader: string | null): DeviceClaim | null {
  const value = cookieHeader
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${DEVICE_COOKIE}=`))
    ?.slice(DEVICE_COOKIE.length + 1);
  const [userId, deviceId, signature, extra] = value?.split(".") ?? [];
  if (!userId || !deviceId || !signature || extra !== undefined) return null;
  const expected = mac(`${userId}.${deviceId}`);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? { userId, deviceId } : null;
}
