import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/server/auth/cookie-names";

// Redirects only: a visitor without a session cookie is sent to sign in before a
// page renders. Every page, action and route handler still checks the user itself
// (SEC-1); this is a convenience, never the guard.
// Share links (/s/<token>…) are public by design: the token is the permission (SEC-17).
const PUBLIC_PREFIXES = ["/login", "/setup", "/invite/", "/reset/", "/s/"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p))) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: [
    {
      // Pages only: API routes and /metrics (a scraper's bearer token, never a session)
      // answer 401 themselves, static files need no session.
      source: "/((?!api/|_next/|media/|metrics$|favicon.ico|icon.svg|robots.txt).*)",
      // Page visits only. Next.js buffers the body of any request the proxy sees and
      // waits for all of it; server actions and other bodies go straight to their
      // handlers, which bound what they read and check the user themselves (SEC-13).
      missing: [
        { type: "header", key: "next-action" },
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
