import { describe, expect, it } from "vitest";
import { cleanUrl, clipStateOf, isStreamUrl, parseTime } from "./suno-clip";
import { guardSucceeded, parseLyrics, statusFromClips } from "./suno-task";
import { vendorClip } from "@/tests/support/vendor-clip";
import type { VendorTask } from "./types";

const clip = vendorClip;

const task = (over: Partial<VendorTask>): VendorTask => ({
  vendorTaskId: "t",
  status: "succeeded",
  vendorStatus: "x",
  progress: 100,
  error: null,
  clips: [],
  lyrics: null,
  submittedAt: null,
  startedAt: null,
  finishedAt: null,
  raw: null,
  ...over,
});

describe("suno-clip helpers", () => {
  it("parses epoch seconds, milliseconds, numeric strings and ISO strings", () => {
    const iso = "2024-12-09T04:12:47.000Z";
    expect(parseTime(1733717567)?.toISOString()).toBe(iso);
    expect(parseTime(1733717567000)?.toISOString()).toBe(iso);
    expect(parseTime("1733717567")?.toISOString()).toBe(iso);
    expect(parseTime(iso)?.toISOString()).toBe(iso);
    expect(parseTime(1743500462.088)?.getTime()).toBe(1743500462088);
    expect(parseTime(0)).toBeNull();
    expect(parseTime("never")).toBeNull();
    expect(parseTime(null)).toBeNull();
  });

  it("the more advanced of status and state wins; failure beats success", () => {
    expect(clipStateOf("complete", "succeeded")).toBe("succeeded");
    expect(clipStateOf("streaming", "pending")).toBe("streaming");
    expect(clipStateOf("complete", "failed")).toBe("failed");
    expect(clipStateOf("error", "succeeded")).toBe("failed");
    expect(clipStateOf("submitted", null)).toBe("queued");
    expect(clipStateOf("running")).toBe("running");
    expect(clipStateOf("mystery")).toBe("queued");
  });

  it("recognises stream URLs and drops placeholders", () => {
    expect(isStreamUrl("https://audiopipe.suno.ai/?item_id=x")).toBe(true);
    expect(isStreamUrl("https://cdn1.suno.ai/x.mp3")).toBe(false);
    expect(cleanUrl("None.mp3")).toBeNull();
    expect(cleanUrl("https://cdn1.suno.ai/None.mp3")).toBeNull();
    expect(cleanUrl("javascript:alert(1)")).toBeNull();
    expect(cleanUrl("https://cdn1.suno.ai/x.mp3")).toBe("https://cdn1.suno.ai/x.mp3");
  });

  it("derives a task status from clips", () => {
    expect(statusFromClips([])).toBe("queued");
    expect(statusFromClips([clip({ state: "queued" }), clip({ state: "streaming" })])).toBe("running");
    expect(statusFromClips([clip({ state: "succeeded" }), clip({ state: "failed" })])).toBe("succeeded");
    expect(statusFromClips([clip({ state: "failed" }), clip({ state: "failed" })])).toBe("failed");
  });

  it("the succeeded guard needs final audio or lyrics text", () => {
    const ok = clip({ state: "succeeded", audioUrl: "https://cdn1.suno.ai/a.mp3" });
    expect(guardSucceeded(task({ clips: [ok] })).status).toBe("succeeded");
    expect(guardSucceeded(task({ clips: [clip({ state: "succeeded" })] })).error?.code).toBe("no_output");
    expect(guardSucceeded(task({ lyrics: { title: "", text: "la la" } })).status).toBe("succeeded");
    expect(guardSucceeded(task({ lyrics: { title: "", text: " " } })).status).toBe("failed");
    expect(guardSucceeded(task({ status: "running" })).status).toBe("running");
  });

  it("reads lyrics objects and candidate arrays", () => {
    expect(parseLyrics({ text: "a", title: "T" })).toEqual({ title: "T", text: "a" });
    expect(parseLyrics([{ title: "x" }, { text: "b" }])).toEqual({ title: "", text: "b" });
    expect(parseLyrics(null)).toBeNull();
  });
});
