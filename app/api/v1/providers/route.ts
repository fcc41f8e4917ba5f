import { NextResponse } from "next/server";
import type { ProviderDto } from "@/lib/schemas/responses";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { listProviders } from "@/lib/server/providers/registry";

/** GET /api/v1/providers: the enabled providers, their models and input limits. Never a key or key hint (SEC-8). */
export const GET = handle(async (req: Request) => {
  await requireApiUser(req);
  const providers: ProviderDto[] = listProviders({ enabledOnly: true }).map((p) => ({
    id: p.id,
    name: p.name,
    protocol: p.protocol,
    models: p.models.map((m) => ({ id: m.id, limits: m.limits })),
    defaultModel: p.models[0]?.id ?? null,
  }));
  return NextResponse.json({ providers }, { headers: { "Cache-Control": "private, no-store" } });
});
