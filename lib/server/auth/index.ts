import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { appSecret } from "@/lib/server/secret";
import { logger } from "@/lib/server/logger";
import { checkCredentials } from "./credentials";
import { clientAddress } from "./throttle";

export const SESSION_MAX_AGE = 7 * 24 * 60 * 60;

export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
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
        const result = await checkCredentials(credentials, clientAddress(request.headers));
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          return null;
        }
        const { user } = result;
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
      }
      return token;
    },
    session({ session, token }) {
      session.userId = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
}));
