import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { clientAddress } from "@/lib/server/client-address";
import { appSecret } from "@/lib/server/secret";
import { logger } from "@/lib/server/logger";
import { checkCredentials } from "./credentials";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, deviceCookieFor, readDeviceCookie } from "./device-cookie";
import { isWithinAbsoluteLifetime } from "./lifetime";

export const SESSION_MAX_AGE = 7 * 24 * 60 * 60;

/** Refused before any hashing: too many failures (`throttled`) or too many hashes in flight (`busy`). */
export class RefusedSignin extends CredentialsSignin {
  constructor(code: "throttled" | "busy") {
    super();
    this.code = code;
  }
}

declare module "next-auth" {
  interface Session {
    userId: string;
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

// Lazy config: the secret is read (or generated into DATA_DIR) on the first request,
// never during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: appSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    error: (error) => {
      if (error instanceof CredentialsSignin) return; // a wrong password is not a server error
      logger.error("auth error", { err: error });
    },
    warn: () => {},
    debug: () => {},
  },
  providers: [
    Credentials({
      id: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const device = readDeviceCookie(request.headers.get("cookie"));
        const result = await checkCredentials(credentials, { ip: clientAddress(request.headers), device });
        if (!result.ok) {
          if (result.reason !== "invalid") throw new RefusedSignin(result.reason);
          return null;
        }
        const { user } = result;
        // This browser now counts as the account's own for later sign-ins (SEC-14).
        (await cookies()).set(DEVICE_COOKIE, deviceCookieFor(user.id, device), {
          httpOnly: true,
          sameSite: "lax",
          path: "/",
          maxAge: DEVICE_COOKIE_MAX_AGE,
          secure: new URL(request.url).protocol === "https:",
        });
        return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // Only sign-in sets these; client-side session updates cannot change them.
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.auth_time = Math.floor(Date.now() / 1000);
      }
      // Refreshing the cookie slides its 7 days on, never past the absolute lifetime (SEC-18).
      return isWithinAbsoluteLifetime(token.auth_time) ? token : null;
    },
    session({ session, token }) {
      session.userId = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
}));
