import { handlers } from "@/lib/server/auth";
import { boundedAuthHandler } from "@/lib/server/auth/bounded-handler";

export const GET = handlers.GET;
export const POST = boundedAuthHandler(handlers.POST);
