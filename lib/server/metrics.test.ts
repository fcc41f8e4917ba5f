import { describe, expect, it, vi } from "vitest";

// Next.js bundles route handlers, instrumentation and the poller apart, so this module
// is evaluated once per bundle in one server process. Every copy must count into the
// same registry, or a scrape would see only its own bundle's share.

describe("one registry per process", () => {
  it("hands every copy of the module the same metrics", async () => {
    const first = await import("./metrics");
    first.metrics().tasks.inc({ provider: "demo", kind: "music", status: "succeeded" });
    vi.resetModules();
    const second = await import("./metrics");
    expect(second).not.toBe(first);
    expect(second.metrics()).toBe(first.metrics());
    const text = await second.metrics().registry.metrics();
    expect(text).toContain('songloft_tasks_total{provider="demo",kind="music",status="succeeded"} 1');
    // Default process metrics are registered once, not once per copy (a second registration would throw).
    expect(text.match(/^# TYPE songloft_process_cpu_seconds_total /gm)).toHaveLength(1);
  });
});
