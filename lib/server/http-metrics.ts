import { AsyncLocalStorage } from "node:async_hooks";
import {
  context,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type Context,
  type ContextManager,
  type Span,
  type SpanContext,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import { metrics } from "@/lib/server/metrics";

// songloft_http_request_duration_seconds by route pattern. Next.js already times every
// request in an OpenTelemetry span (`BaseServer.handleRequest`) and names its route
// pattern (`next.route`, e.g. /clips/[id]) on it or on a span inside it, through
// whatever tracer provider the process registered. This registers the smallest one
// that serves that purpose: spans that only remember their request and, when the
// request's span ends, observe the histogram. No trace is kept or exported. A
// wrapper per route handler would miss pages, and a custom server would give up
// `next start`.

const REQUEST_SPAN = "BaseServer.handleRequest";
/**
 * A page visit passes through Next.js twice: once to run proxy.ts, then to render. The
 * first pass's span holds the proxy's span and ends with a placeholder status (200);
 * only the render pass is measured. A visit the proxy redirects to sign-in has no
 * render pass and is not measured.
 */
const PROXY_SPAN = "Middleware.execute";
/** Requests Next.js matched to no route (static files, unknown paths). */
export const UNMATCHED_ROUTE = "(unmatched)";

let lastId = 0;
const processPart = (process.pid + 1).toString(16).padStart(16, "0");
/** Valid ids (Next.js checks), cheap to make: nobody reads them. One trace per request. */
function newSpanContext(parent: RouteSpan | undefined): SpanContext {
  const spanId = (++lastId).toString(16).padStart(16, "0");
  return { traceId: parent?.spanContext().traceId ?? processPart + spanId, spanId, traceFlags: TraceFlags.SAMPLED };
}

/** The route pattern as a label: route groups and the file name left out, e.g. `/(studio)/clips/[id]/page` → `/clips/[id]`. */
export function routeLabel(route: string): string {
  const path = route
    .split("/")
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s) && !/^@/.test(s))
    .join("/")
    .replace(/(^|\/)(page|route)$/, "");
  return `/${path}`;
}

class RouteSpan implements Span {
  private readonly context: SpanContext;
  private readonly started = process.hrtime.bigint();
  /** The outermost request span this span belongs to (itself for one). */
  readonly request: RouteSpan | undefined;
  route: string | undefined;
  private method: string | undefined;
  private status: number | undefined;
  private proxyPass = false;
  private ended = false;

  constructor(options: SpanOptions, parent: RouteSpan | undefined) {
    this.context = newSpanContext(parent);
    const isRequest = options.attributes?.["next.span_type"] === REQUEST_SPAN;
    this.request = parent?.request ?? (isRequest ? this : undefined);
    if (this.request && options.attributes?.["next.span_type"] === PROXY_SPAN) this.request.proxyPass = true;
    if (options.attributes) this.setAttributes(options.attributes);
  }

  spanContext() {
    return this.context;
  }
  setAttribute(key: string, value: AttributeValue) {
    if (!this.request) return this;
    if ((key === "next.route" || key === "http.route") && typeof value === "string") this.request.route ??= value;
    if (this.request === this) {
      if (key === "http.method" && typeof value === "string") this.method = value;
      if (key === "http.status_code" && typeof value === "number") this.status = value;
    }
    return this;
  }
  setAttributes(attributes: Attributes) {
    for (const [key, value] of Object.entries(attributes)) if (value !== undefined) this.setAttribute(key, value);
    return this;
  }
  addEvent() {
    return this;
  }
  addLink() {
    return this;
  }
  addLinks() {
    return this;
  }
  setStatus() {
    return this;
  }
  updateName() {
    return this;
  }
  recordException() {}
  isRecording() {
    return !this.ended;
  }
  end() {
    if (this.ended) return;
    this.ended = true;
    if (this.request !== this || this.proxyPass) return;
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const route = this.route ? routeLabel(this.route) : UNMATCHED_ROUTE;
    metrics().httpDuration.observe({ route, method: this.method ?? "GET", status: String(this.status ?? 0) }, seconds);
  }
}

const parentOf = (ctx: Context) => {
  const span = trace.getSpan(ctx);
  return span instanceof RouteSpan ? span : undefined;
};

class RouteTracer implements Tracer {
  startSpan(_name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    return new RouteSpan(options, options.root ? undefined : parentOf(ctx));
  }
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : {};
    const ctx = rest.length > 2 ? (rest[1] as Context) : context.active();
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), () => fn(span)) as ReturnType<F>;
  }
}

/** Spans only for Next.js's own tracer; any other library gets the API's no-op one. */
class RouteTracerProvider implements TracerProvider {
  private readonly tracer = new RouteTracer();
  getTracer(name: string): Tracer {
    return name === "next.js" ? this.tracer : NOOP_PROVIDER.getTracer(name);
  }
}
// A proxy with no delegate hands out no-op tracers (the global one would hand out ours).
const NOOP_PROVIDER = new ProxyTracerProvider();

/** Carries the active span across awaits: Next.js finds a request's span through it. */
class AsyncContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active() {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== "function") return target;
    const run = (thisArg: unknown, args: unknown[]) => this.with(ctx, () => (target as (...a: unknown[]) => unknown).apply(thisArg, args));
    return function (this: unknown, ...args: unknown[]) {
      return run(this, args);
    } as T;
  }
  enable() {
    return this;
  }
  disable() {
    this.storage.disable();
    return this;
  }
}

/** Called once per process from instrumentation.ts, before the first request. */
export function timeRequestsByRoute() {
  const holder = globalThis as typeof globalThis & { __songloftRouteTimer?: boolean };
  if (holder.__songloftRouteTimer) return;
  holder.__songloftRouteTimer = true;
  context.setGlobalContextManager(new AsyncContextManager());
  trace.setGlobalTracerProvider(new RouteTracerProvider());
}
