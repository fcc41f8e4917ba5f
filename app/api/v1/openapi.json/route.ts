import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { buildOpenApiDocument } from "@/lib/server/openapi";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API, for signed-in users and tokens. */
export const GET = handle(async (req: Request) => {
  await requireApiUser(req);
  return NextResponse.json(buildOpenApiDocument(), { headers: { "Cache-Control": "private, no-store" } });
});
