import { describe, expect, it } from "vitest";
import type { TaskDto } from "@/lib/dto";
import { formatSeconds, parseSeconds, taskHeadline } from "./format";

function task(overrides: Partial<TaskDto>): TaskDto {
  return {
    id: "t1",
    kind: "music",
    providerId: "demo",
    providerName: "Demo (offline)",
    status: "queued",
    progress: null,
    progressEstimated: false,
    error: null,
    request: {},
    result: null,
    owner: { id: "u1", name: "Ada" },
    createdAt: "2026-01-01T00:00:00.000Z",
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    clips: [],
    ...overrides,
  };
}

describe("formatSeconds / parseSeconds", () => {
  it("shows minutes and seconds, and hours only when needed", () => {
    expect(formatSeconds(0)).toBe("0:00");
    expect(formatSeconds(83.9)).toBe("1:23");
    expect(formatSeconds(3723)).toBe("1:02:03");
    expect(formatSeconds(-5)).toBe("0:00");
  });

  it("reads what a person types for a position in a song", () => {
    expect(parseSeconds("1:05")).toBe(65);
    expect(parseSeconds(" 83 ")).toBe(83);
    expect(parseSeconds("12.5")).toBe(12.5);
    expect(parseSeconds("1:02:03")).toBe(3723);
    expect(parseSeconds(formatSeconds(154))).toBe(154);
  });

  it("refuses anything that is not a time", () => {
    for (const text of ["", "abc", "1:75", "-3", "1::2", "1:2:3:4", "0x10"]) expect(parseSeconds(text)).toBeNull();
  });
});

describe("taskHeadline", () => {
  it("prefers the song's title, then the requested title, the written lyrics' title, the description", () => {
    const clip = { title: "From the vendor" } as TaskDto["clips"][number];
    expect(taskHeadline(task({ clips: [clip], request: { title: "Asked" } }))).toBe("From the vendor");
    expect(taskHeadline(task({ request: { title: "Asked", description: "a song" } }))).toBe("Asked");
    expect(taskHeadline(task({ kind: "lyrics", request: { prompt: "the sea" }, result: { title: "Sea Song", text: "…" } }))).toBe("Sea Song");
    expect(taskHeadline(task({ kind: "lyrics", request: { prompt: "the sea" } }))).toBe("the sea");
    expect(taskHeadline(task({ request: { description: "  " } }))).toBeNull();
  });

  it("shortens a long description", () => {
    const headline = taskHeadline(task({ request: { description: "la ".repeat(100) } }))!;
    expect(headline.length).toBe(90);
    expect(headline.endsWith("…")).toBe(true);
  });
});
