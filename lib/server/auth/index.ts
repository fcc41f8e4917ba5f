import NextAuth, { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { clientAddress } from "@/lib/server/client-address";
import { appSecret } from "@/lib/server/secret";
import { logger } from "@/lib/server/logger";
import { env } from "@/lib/env";
import { resolveSsoSignIn, ssoConfig } from "@/lib/server/services/sso";
import { checkCredentials } from "./credentials";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, deviceCookieFor, readDeviceCookie } from "./device-cookie";
import { isWithinAbsoluteLifetime } from "./lifetime";

export const SESSION_MAX_AGE = 7 * 24 * 60 * 60;

/** The single sign-on provider's id: its callback is /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

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

/**
 * The team's OpenID Connect provider, when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are all set. The person's email and its verification come from
 * the userinfo endpoint, which every provider fills for the `email` scope (ID tokens
 * carry them only on some). Its redirect URI is <APP_URL or the request's origin>/api/auth/callback/oidc.
 */
function ssoProviders(): Provider[] {
  const config = ssoConfig();
  if (!config) return [];
  const appUrl = env().APP_URL;
  return [
    {
      id: SSO_PROVIDER_ID,
      name: config.name,
      type: "oidc",
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      idToken: false,
      checks: ["pkce", "state", "nonce"],
      authorization: {
        params: {
          scope: "openid email profile",
          // The callback's own redirect_uri is built from APP_URL too (see the auth route), so both legs agree behind a proxy.
          ...(appUrl ? { redirect_uri: `${new URL(appUrl).origin}/api/auth/callback/${SSO_PROVIDER_ID}` } : {}),
        },
      },
    },
  ];
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
    ...ssoProviders(),
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
    // Credentials already checked their user in authorize(); a single sign-on is mapped
    // to its Songloft account here, and `user` then carries that account into jwt().
    signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      const outcome = resolveSsoSignIn(profile ?? {});
      if (!outcome.ok) {
        logger.info("single sign-on refused", { reason: outcome.reason });
        return `/login?error=sso_${outcome.reason}`;
      }
      Object.assign(user, { id: outcome.user.id, name: outcome.user.name, email: outcome.user.email, sessionVersion: outcome.user.sessionVersion });
      return true;
    },
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
