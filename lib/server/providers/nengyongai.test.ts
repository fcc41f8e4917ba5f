import { describe, expect, it } from "vitest";
import { errorFixture, loadFixture } from "@/tests/simulators/fixtures";
import { classifyNengyongaiError } from "./error-map";
import { parseNengyongaiTask } from "./nengyongai";
import { buildNewapiMusicBody, submitAnswerSchema } from "./newapi";
import type { SubmitMusicInput } from "./types";

const fx = (name: string) => loadFixture("nengyongai", name);
const TASK_ID = "56ea8da3-8507-4118-9f1e-111111111111";

/** Empty strings and nulls in a fixture carry no meaning for the vendor. */
const significant = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== "" && v != null));

describe("nengyongai request mapping (submit_request_* fixtures)", () => {
  it("inspiration", () => {
    const input: SubmitMusicInput = {
      mode: "inspiration",
      description: "blowing in the wind",
      instrumental: false,
      model: "v4",
      callbackUrl: "https://app.example.com/webhooks/suno/nengyongai",
    };
    expect(buildNewapiMusicBody(input, "chirp-v4")).toEqual(fx("submit_request_inspiration"));
  });

  it("custom", () => {
    const f = fx("submit_request_custom");
    const input: SubmitMusicInput = { mode: "custom", lyrics: f.prompt, style: "emotional punk", title: "City Lights", instrumental: false, model: "v4" };
    expect(significant(buildNewapiMusicBody(input, "chirp-v4"))).toEqual(significant(f));
  });

  it("extend: continue_at is a number and continue_clip_id a string, whatever the doc's types say", () => {
    const f = fx("submit_request_extend");
    const input: SubmitMusicInput = {
      mode: "custom",
      lyrics: f.prompt,
      style: "emotional punk",
      title: "City Lights",
      instrumental: false,
      model: "v4",
      extend: { vendorClipId: "b6cddf85-7d84-4e99-98d7-7e54bba8a7b1", vendorTaskId: TASK_ID, continueAt: 80 },
    };
    expect(buildNewapiMusicBody(input, "chirp-v4")).toEqual(f);
  });

  it("both submit answer variants give the task id", () => {
    expect(submitAnswerSchema.parse(fx("submit_response_newapi_variant"))).toBe(TASK_ID);
    expect(submitAnswerSchema.parse(fx("submit_response_goapi_variant"))).toBe(TASK_ID);
  });
});

describe("nengyongai task mapping (GoAPI envelope)", () => {
  it("fetch_in_progress: processing → running 50; clips from the map, in a stable order", () => {
    const task = parseNengyongaiTask(fx("fetch_in_progress").data)!;
    expect(task).toMatchObject({ vendorTaskId: TASK_ID, status: "running", vendorStatus: "processing", progress: 50, error: null });
    expect(task.clips.map((c) => c.vendorClipId)).toEqual(["b6cddf85-7d84-4e99-98d7-7e54bba8a7b1", "c1f0e2d3-a4b5-4c6d-8e7f-9a0b1c2d3e4f"]);
    expect(task.clips[0]).toMatchObject({
      state: "streaming",
      audioUrl: null,
      streamAudioUrl: "https://audiopipe.suno.ai/?item_id=b6cddf85-7d84-4e99-98d7-7e54bba8a7b1",
    });
    expect(task.clips[1]).toMatchObject({ state: "queued", imageUrl: null, streamAudioUrl: null });
  });

  it("fetch_success: completed → succeeded 100 with both clips", () => {
    const task = parseNengyongaiTask(fx("fetch_success").data)!;
    expect(task).toMatchObject({ status: "succeeded", vendorStatus: "completed", progress: 100, error: null, submittedAt: null });
    expect(task.clips[0]).toEqual({
      vendorClipId: "b6cddf85-7d84-4e99-98d7-7e54bba8a7b1",
      title: "Blowing in the Wind",
      lyrics: "[Verse]\nHow many roads must a man walk down",
      style: "folk, acoustic, male vocals",
      model: "v4",
      vendorModel: "chirp-v4",
      duration: 156.2,
      audioUrl: "https://cdn1.suno.ai/b6cddf85-7d84-4e99-98d7-7e54bba8a7b1.mp3",
      streamAudioUrl: null,
      imageUrl: "https://cdn1.suno.ai/image_b6cddf85-7d84-4e99-98d7-7e54bba8a7b1.png",
      imageLargeUrl: "https://cdn1.suno.ai/image_large_b6cddf85-7d84-4e99-98d7-7e54bba8a7b1.png",
      videoUrl: "https://cdn1.suno.ai/b6cddf85-7d84-4e99-98d7-7e54bba8a7b1.mp4",
      state: "succeeded",
      errorMessage: null,
      createdAt: new Date("2024-06-04T08:31:12.000Z"),
    });
    expect(task.clips[1].duration).toBe(171.8);
  });

  it("fetch_failure: failed with the clips' error message", () => {
    const task = parseNengyongaiTask(fx("fetch_failure").data)!;
    expect(task).toMatchObject({ status: "failed", progress: 100, error: { code: "generation_failed", message: "Song Description contained artist name" } });
  });

  it("clips sort by created_at, then id, whatever the map order", () => {
    const data = fx("fetch_success").data;
    const [a, b] = Object.entries(data.clips as Record<string, Record<string, unknown>>);
    const reordered = { ...data, clips: { [b[0]]: { ...b[1], created_at: "2024-06-04T08:31:11.000Z" }, [a[0]]: a[1] } };
    expect(parseNengyongaiTask(reordered)!.clips.map((c) => c.vendorClipId)).toEqual([b[0], a[0]]);
  });

  it("a missing status is derived from the clips", () => {
    const { status: _drop, ...data } = fx("fetch_success").data;
    expect(parseNengyongaiTask(data)?.status).toBe("succeeded");
  });

  it("the new-api TaskDto envelope parses too", () => {
    const task = parseNengyongaiTask(loadFixture("newapi", "fetch_success").data)!;
    expect(task).toMatchObject({ status: "succeeded", vendorStatus: "SUCCESS" });
  });

  it("callback_payload: the GoAPI data object is the finished task (Songloft never reads it: the URL's secret names the task)", () => {
    expect(parseNengyongaiTask(fx("callback_payload"))).toMatchObject({ vendorTaskId: TASK_ID, status: "succeeded" });
  });
});

describe("nengyongai error fixtures", () => {
  it("error_401_invalid_token → auth", () => {
    const { status, body } = errorFixture("nengyongai", "error_401_invalid_token");
    expect(classifyNengyongaiError(status, body)).toMatchObject({ code: "auth", vendorMessage: expect.stringContaining("无效的令牌") });
  });

  it("error_task_not_exist_newapi_variant → not_found", () => {
    expect(classifyNengyongaiError(400, fx("error_task_not_exist_newapi_variant"))).toMatchObject({ code: "not_found", vendorMessage: "task_not_exist" });
  });

  it("error_task_not_found_goapi_variant → not_found, on HTTP 404 or inside a 200", () => {
    const body = fx("error_task_not_found_goapi_variant");
    expect(classifyNengyongaiError(404, body)).toMatchObject({ code: "not_found", vendorMessage: "task not found" });
    expect(classifyNengyongaiError(200, body)).toMatchObject({ code: "not_found", vendorMessage: "task not found" });
  });

  it("a GoAPI code other than 200 is an error with message or error_message", () => {
    expect(classifyNengyongaiError(200, { code: 500, message: "", error_message: "upstream down" })).toMatchObject({
      code: "vendor_unavailable",
      vendorMessage: "upstream down",
    });
    expect(classifyNengyongaiError(200, fx("fetch_success"))).toBeNull();
  });
});
