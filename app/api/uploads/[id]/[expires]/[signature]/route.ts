import { handle } from "@/lib/server/http";
import { AppError } from "@/lib/errors";
import { serveUploadLink } from "@/lib/server/services/uploads";

type Ctx = { params: Promise<{ id: string; expires: string; signature: string }> };

/**
 * GET /api/uploads/<id>/<expires>/<signature>: the uploaded file, for the vendor that
 * extends or covers it. No session: the signature is the permission, and it expires.
 * Anything wrong with the link is the same 404.
 */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const { id, expires, signature } = await ctx.params;
  const response = await serveUploadLink(req, id, expires, signature);
  if (!response) throw new AppError("not_found", "Not found.");
  return response;
});
export const HEAD = GET;
