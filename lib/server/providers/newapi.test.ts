import { describe, expect, it } from "vitest";
import { loadFixture } from "@/tests/simulators/fixtures";
import { classifyNewapiError } from "./error-map";
import { buildNewapiMusicBody, parseNewapiTask, submitAnswerSchema } from "./newapi";
import type { SubmitMusicInput } from "./types";

const fx = (name: string) => loadFixture("newapi", name);
const HOOK = "https://app.example.com/webhooks/suno/newapi";

describe("newapi request mapping (submit_request_* fixtures)", () => {
  it("inspiration sends only the description, the model and the hook", () => {
    const input: SubmitMusicInput = {
      mode: "inspiration",
      description: "an upbeat city-pop song about a rainy night in Shanghai",
      instrumental: false,
      model: "v4",
      callbackUrl: HOOK,
    };
    expect(buildNewapiMusicBody(input, "chirp-v4")).toEqual(fx("submit_request_inspiration"));
  });

  it("custom sends lyrics as prompt, style as tags, negative tags and title", () => {
    const f = fx("submit_request_custom");
    const input: SubmitMusicInput = {
      mode: "custom",
      lyrics: f.prompt,
      style: "emotional punk",
      negativeStyle: "dance",
      title: "City Lights",
      instrumental: false,
      model: "v4",
      callbackUrl: HOOK,
    };
    expect(buildNewapiMusicBody(input, "chirp-v4")).toEqual(f);
  });

  it("custom instrumental sends an empty prompt and make_instrumental", () => {
    const input: SubmitMusicInput = { mode: "custom", style: "heavy metal", title: "Beijing", instrumental: true, model: "v4" };
    expect(buildNewapiMusicBody(input, "chirp-v4")).toEqual(fx("submit_request_custom_instrumental"));
  });

  it("extend sends task:extend, the source task and clip, and continue_at as a number", () => {
    const f = fx("submit_request_extend");
    const input: SubmitMusicInput = {
      mode: "custom",
      lyrics: f.prompt,
      style: "emotional punk",
      title: "City Lights",
      instrumental: false,
      model: "v4",
      extend: { vendorClipId: f.continue_clip_id, vendorTaskId: f.task_id, continueAt: 80 },
    };
    const body = buildNewapiMusicBody(input, "chirp-v4");
    expect(body).toEqual(f);
    expect(typeof body.continue_at).toBe("number");
  });

  it("reads the task id from submit and lyrics answers", () => {
    expect(submitAnswerSchema.parse(fx("submit_response"))).toBe("ba46ad15-07ce-41a6-b68d-196321dc00d5");
    expect(submitAnswerSchema.parse(fx("lyrics_submit_response"))).toBe("f4a94d75-087b-4bb1-bd45-53ba293faf96");
  });
});

describe("newapi task mapping (fetch_* fixtures)", () => {
  it("fetch_not_start: queued, data null, no clips yet", () => {
    const task = parseNewapiTask(fx("fetch_not_start").data)!;
    expect(task).toMatchObject({ vendorTaskId: "dcb812bd-40c5-4907-836e-3a7aa9a2e546", status: "queued", vendorStatus: "NOT_START", progress: 0 });
    expect(task.clips).toEqual([]);
    expect(task.error).toBeNull();
    expect(task.submittedAt?.toISOString()).toBe(new Date(1747203819 * 1000).toISOString());
    expect(task.finishedAt).toBeNull();
  });

  it("fetch_in_progress: running; the audiopipe URL is only a stream preview", () => {
    const task = parseNewapiTask(fx("fetch_in_progress").data)!;
    expect(task).toMatchObject({ status: "running", vendorStatus: "IN_PROGRESS", progress: 0, error: null });
    const [streaming, queued] = task.clips;
    expect(streaming).toMatchObject({
      vendorClipId: "e9893d04-6a63-4007-8473-64b706eca4d1",
      state: "streaming",
      audioUrl: null,
      streamAudioUrl: "https://audiopipe.suno.ai/?item_id=e9893d04-6a63-4007-8473-64b706eca4d1",
      title: "Electric Dance Party",
      lyrics: "[Verse]\nEverybody in the place\nLet's go",
      style: "club banger high-energy edm",
      model: "v4",
      vendorModel: "chirp-v4",
      duration: null,
      videoUrl: null,
    });
    expect(queued).toMatchObject({ state: "queued", audioUrl: null, streamAudioUrl: null });
  });

  it("fetch_success (flattened clips) matches the normalised example", () => {
    const task = parseNewapiTask(fx("fetch_success").data)!;
    const expected = loadFixture("normalized", "task_succeeded");
    expect(task).toMatchObject({ vendorTaskId: expected.vendorTaskId, status: "succeeded", vendorStatus: "SUCCESS", progress: 100, error: null });
    expect(task.submittedAt?.toISOString()).toBe(new Date(expected.submittedAt).toISOString());
    expect(task.startedAt?.toISOString()).toBe(new Date(expected.startedAt).toISOString());
    expect(task.finishedAt?.toISOString()).toBe(new Date(expected.finishedAt).toISOString());
    expect(task.clips).toHaveLength(2);
    const want = expected.clips[0];
    expect(task.clips[0]).toEqual({
      vendorClipId: want.vendorClipId,
      title: want.title,
      lyrics: want.lyrics,
      style: want.tags,
      model: want.model,
      vendorModel: want.vendorModel,
      duration: want.duration,
      audioUrl: want.audioUrl,
      streamAudioUrl: null,
      imageUrl: want.imageUrl,
      imageLargeUrl: want.imageLargeUrl,
      videoUrl: want.videoUrl,
      state: "succeeded",
      errorMessage: null,
      createdAt: new Date(want.createdAt),
    });
    expect(task.clips[1]).toMatchObject({ vendorClipId: "b7c1d2e3-4f5a-4b6c-8d7e-9f0a1b2c3d4e", duration: 187, state: "succeeded" });
  });

  it("fetch_success_raw_suno_clips: lyrics, style and duration come from metadata", () => {
    const task = parseNewapiTask(fx("fetch_success_raw_suno_clips").data)!;
    expect(task.status).toBe("succeeded");
    expect(task.clips.map((c) => c.duration)).toEqual([128.92, 131.4]);
    expect(task.clips[0]).toMatchObject({
      vendorClipId: "3435e194-50e7-4edc-9442-bffe072fccfc",
      lyrics: "[Verse]\nEverybody in the place\nLet's go",
      style: "club banger high-energy edm",
      audioUrl: "https://cdn1.suno.ai/3435e194-50e7-4edc-9442-bffe072fccfc.mp3",
      videoUrl: "https://cdn1.suno.ai/3435e194-50e7-4edc-9442-bffe072fccfc.mp4",
      createdAt: new Date("2024-05-20T07:56:26.404Z"),
      model: "v4",
    });
  });

  it("fetch_failure: failed with the vendor's fail_reason; clips failed without audio", () => {
    const task = parseNewapiTask(fx("fetch_failure").data)!;
    expect(task).toMatchObject({ status: "failed", progress: 100, error: { code: "generation_failed", message: "Song Description contained artist name" } });
    for (const clip of task.clips) {
      expect(clip).toMatchObject({ state: "failed", audioUrl: null, streamAudioUrl: null, errorMessage: "Song Description contained artist name" });
    }
  });

  it("fetch_lyrics_success: the data object becomes the lyrics", () => {
    const task = parseNewapiTask(fx("fetch_lyrics_success").data)!;
    expect(task).toMatchObject({ status: "succeeded", clips: [] });
    expect(task.lyrics).toEqual({ title: "Electric Fantasy", text: "[Verse]\nDancing in the neon light\nWith the rhythm\nFeeling so right" });
  });

  it("batch_fetch_response: every listed task parses; unknown ids are simply absent", () => {
    const tasks = (fx("batch_fetch_response").data as unknown[]).map(parseNewapiTask);
    expect(tasks.map((t) => [t?.vendorTaskId, t?.status])).toEqual([["346c5d10-a4a1-4f49-a851-66a7dae6cfaf", "running"]]);
  });

  it("callback_payload: the task object itself (Songloft never reads it: the URL's secret names the task)", () => {
    expect(parseNewapiTask(fx("callback_payload"))).toMatchObject({ vendorTaskId: "ba46ad15-07ce-41a6-b68d-196321dc00d5", status: "succeeded" });
  });
});

describe("newapi status edge cases (§B.3)", () => {
  const base = fx("fetch_success").data;

  it("UNKNOWN is terminal and failed with code unknown", () => {
    expect(parseNewapiTask({ ...base, status: "UNKNOWN", fail_reason: "" })?.error?.code).toBe("unknown");
  });

  it("an unrecognised status word is never terminal", () => {
    expect(parseNewapiTask({ ...base, status: "WEIRD" })?.status).toBe("running");
  });

  it("SUCCESS without final audio fails with no_output", () => {
    const clips = base.data.map((c: Record<string, unknown>) => ({ ...c, audio_url: "https://audiopipe.suno.ai/?item_id=x" }));
    const task = parseNewapiTask({ ...base, data: clips })!;
    expect(task).toMatchObject({ status: "failed", error: { code: "no_output" } });
    expect(task.clips[0]).toMatchObject({ audioUrl: null, streamAudioUrl: "https://audiopipe.suno.ai/?item_id=x" });
  });

  it("a partial success keeps the failed clip", () => {
    const clips = [base.data[0], { ...base.data[1], state: "failed", status: "error", msg: "boom" }];
    const task = parseNewapiTask({ ...base, data: clips })!;
    expect(task.status).toBe("succeeded");
    expect(task.clips[1]).toMatchObject({ state: "failed", audioUrl: null, errorMessage: "boom" });
  });

  it("progress '45%' is 45; timestamps in ms and ISO are accepted", () => {
    const task = parseNewapiTask({ ...base, status: "IN_PROGRESS", progress: "45%", submit_time: 1733717567000, start_time: "2024-12-09T04:12:47Z" })!;
    expect(task.progress).toBe(45);
    expect(task.submittedAt?.toISOString()).toBe("2024-12-09T04:12:47.000Z");
    expect(task.startedAt?.toISOString()).toBe("2024-12-09T04:12:47.000Z");
  });

  it("a clip of the wrong type is skipped, not fatal", () => {
    const task = parseNewapiTask({ ...base, data: [42, base.data[0]] })!;
    expect(task.clips).toHaveLength(1);
  });
});

describe("newapi error fixtures", () => {
  const cases: Array<[string, number, string]> = [
    ["error_400_invalid_request", 400, "bad_request"],
    ["error_400_task_id_empty", 400, "bad_request"],
    ["error_400_task_not_exist", 400, "not_found"],
    ["error_401_invalid_token", 401, "auth"],
    ["error_401_token_exhausted", 401, "quota"],
    ["error_403_insufficient_user_quota", 403, "quota"],
    ["error_403_quota_not_enough", 403, "quota"],
    ["error_429_upstream_saturated", 429, "rate_limited"],
    ["error_500_upstream", 500, "vendor_unavailable"],
    ["error_503_no_channel", 503, "vendor_unavailable"],
  ];
  it.each(cases)("%s → %s", (name, status, code) => {
    const body = fx(name);
    const err = classifyNewapiError(status, body)!;
    expect(err.code).toBe(code);
    expect(err.httpStatus).toBe(status);
    expect(err.vendorMessage).toBe(body.message ?? body.error.message);
  });

  it("a banned user or a model the key may not use is an auth problem", () => {
    const banned = { error: { message: "用户已被封禁", type: "new_api_error" } };
    const model = { error: { message: "该令牌无权访问模型 suno_music", type: "new_api_error" } };
    expect(classifyNewapiError(403, banned)?.code).toBe("auth");
    expect(classifyNewapiError(403, model)?.code).toBe("auth");
  });

  it("a 200 whose code is not success is an error; success is not", () => {
    expect(classifyNewapiError(200, { code: "internal_error", message: "x", data: null })?.code).toBe("vendor_unavailable");
    expect(classifyNewapiError(200, fx("submit_response"))).toBeNull();
  });
});
