import { context, trace, type Span } from "@opentelemetry/api";
import { beforeAll, describe, expect, it } from "vitest";
import { parseExposition } from "@/tests/support/prometheus";
import { routeLabel, timeRequestsByRoute, UNMATCHED_ROUTE } from "./http-metrics";
import { metrics } from "./metrics";

// The tracer provider is driven the way Next.js drives it (server/lib/trace/tracer.ts):
// startActiveSpan for the request, nested spans that name the route, attributes set
// as the request ends. The production server test (tests/e2e/metrics.spec.ts) checks
// the same against the real thing.

beforeAll(() => timeRequestsByRoute());

const tracer = () => trace.getTracer("next.js", "16");
const nextSpan = (type: string, attributes: Record<string, string | number> = {}) => ({ attributes: { "next.span_type": type, ...attributes } });

async function request(method: string, status: number, inside: () => Promise<void>) {
  await tracer().startActiveSpan(method, nextSpan("BaseServer.handleRequest", { "http.method": method, "http.target": "/x" }), async (span: Span) => {
    await inside();
    span.setAttributes({ "http.status_code": status });
    span.end();
  });
}

async function count(labels: Record<string, string>) {
  return parseExposition(await metrics().registry.metrics()).sum("songloft_http_request_duration_seconds_count", labels);
}

describe("route labels", () => {
  it("keeps the pattern and drops route groups, parallel slots and the file name", () => {
    expect(routeLabel("/(studio)/clips/[id]/page")).toBe("/clips/[id]");
    expect(routeLabel("/api/v1/generations/route")).toBe("/api/v1/generations");
    expect(routeLabel("/clips/[id]")).toBe("/clips/[id]");
    expect(routeLabel("/(auth)/login")).toBe("/login");
    expect(routeLabel("/@modal/settings/page")).toBe("/settings");
    expect(routeLabel("/page")).toBe("/");
  });
});

describe("request durations from Next.js spans", () => {
  it("observes the request once, under the route a nested span named, after an await", async () => {
    const before = await count({ route: "/clips/[id]", method: "GET", status: "200" });
    await request("GET", 200, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Next.js names the route on a span inside the request (render route (app) …).
      const render = tracer().startSpan("render route (app) /clips/[id]", nextSpan("AppRender.getBodyResult", { "next.route": "/(studio)/clips/[id]/page" }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      render.end();
    });
    expect(await count({ route: "/clips/[id]", method: "GET", status: "200" })).toBe(before + 1);
  });

  it("keeps concurrent requests apart", async () => {
    const a = { route: "/api/v1/generations", method: "POST", status: "201" };
    const b = { route: "/api/v1/clips/[id]", method: "GET", status: "404" };
    const [beforeA, beforeB] = [await count(a), await count(b)];
    const named = (route: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 3));
      trace.getActiveSpan()?.setAttribute("next.route", route);
      await new Promise((resolve) => setTimeout(resolve, 3));
    };
    await Promise.all([request("POST", 201, named("/api/v1/generations")), request("GET", 404, named("/api/v1/clips/[id]")), request("POST", 201, named("/api/v1/generations"))]);
    expect(await count(a)).toBe(beforeA + 2);
    expect(await count(b)).toBe(beforeB + 1);
  });

  it("does not count the pass that only runs proxy.ts, and names requests without a route as unmatched", async () => {
    const proxied = { method: "GET", status: "200" };
    const before = await count(proxied);
    await request("GET", 200, async () => {
      await tracer().startActiveSpan("middleware GET", nextSpan("Middleware.execute"), async (span: Span) => span.end());
    });
    expect(await count(proxied)).toBe(before);
    const unmatched = { route: UNMATCHED_ROUTE, ...proxied };
    const beforeUnmatched = await count(unmatched);
    await request("GET", 200, async () => undefined);
    expect(await count(unmatched)).toBe(beforeUnmatched + 1);
  });

  it("hands other libraries a tracer that records nothing", () => {
    const span = trace.getTracer("some-library").startSpan("query");
    expect(span.isRecording()).toBe(false);
    expect(context.active()).toBeDefined();
  });
});
