import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth";
import { boundedAuthHandler } from "@/lib/server/auth/bounded-handler";
import { atPublicOrigin } from "@/lib/server/auth/public-origin";

export const GET = (req: NextRequest) => handlers.GET(atPublicOrigin(req));
export const POST = boundedAuthHandler((req) => handlers.POST(atPublicOrigin(req)));
