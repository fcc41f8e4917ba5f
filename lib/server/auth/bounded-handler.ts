import { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { errorResponse, readBodyLimited } from "@/lib/server/http";

/**
 * Wraps Auth.js's POST handler (SEC-13): Auth.js reads the whole form before looking at
 * it, so at most 64 KiB is read here first and Auth.js gets a copy. A sign-in refused
 * before any hashing answers 429 instead of Auth.js's redirect (SEC-14), so a script
 * sees what happened.
 */
export function boundedAuthHandler(handler: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBodyLimited(req);
    } catch (err) {
      return errorResponse(err);
    }
    const res = await handler(new NextRequest(req.url, { method: req.method, headers: req.headers, body }));
    const refused = refusal(res);
    return refused ? errorResponse(refused) : res;
  };
}

function refusal(res: Response): AppError | null {
  const location = res.headers.get("location");
  const code = location ? new URL(location, "http://songloft.invalid").searchParams.get("code") : null;
  if (code === "busy") return new AppError("rate_limited", "Too many sign-ins are being checked right now; try again in a moment.", { retryAfter: 2 });
  if (code === "throttled") return new AppError("rate_limited", "Too many failed sign-ins; wait a few minutes and try again.", { retryAfter: 60 });
  return null;
}
