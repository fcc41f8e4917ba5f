import { NextRequest } from "next/server";
import { errorResponse, readBodyLimited } from "@/lib/server/http";

/**
 * Wraps Auth.js's POST handler (SEC-13): Auth.js reads the whole form before looking at
 * it, so at most 64 KiB is read here first and Auth.js gets a copy.
 */
export function boundedAuthHandler(handler: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBodyLimited(req);
    } catch (err) {
      return errorResponse(err);
    }
    return handler(new NextRequest(req.url, { method: req.method, headers: req.headers, body }));
  };
}
