import { handle } from "@/lib/server/http";
import { authorizeMetrics, renderMetrics } from "@/lib/server/services/metrics";

export const dynamic = "force-dynamic";

/** GET /metrics: Prometheus text for a scraper holding METRICS_TOKEN; no session, never a redirect (proxy.ts leaves it alone). */
export const GET = handle(async (req: Request) => {
  authorizeMetrics(req.headers.get("authorization"));
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
