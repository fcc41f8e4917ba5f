import { describe, expect, it } from "vitest";
import { loadFixture } from "@/tests/simulators/fixtures";
import { classifySunohubError } from "./error-map";
import { buildSunohubAudiosBody, parseSunohubAnswer, parseSunohubRecord } from "./sunohub";
import type { SubmitMusicInput } from "./types";

const fx = (name: string) => loadFixture("sunohub", name);
const TASK_ID = "ef9f9b49-3111-46dc-84ff-5677857d3ad8";
const HOOK = "https://app.example.com/webhooks/suno/sunohub";

describe("sunohub request mapping (submit_request_* fixtures)", () => {
  it("inspiration: custom:false with the description as prompt", () => {
    const input: SubmitMusicInput = { mode: "inspiration", description: "A song for Christmas", instrumental: false, model: "v4", callbackUrl: HOOK };
    expect(buildSunohubAudiosBody(input, "chirp-v4")).toEqual(fx("submit_request_inspiration"));
  });

  it("custom: lyric, title, style and style_negative", () => {
    const f = fx("submit_request_custom");
    const input: SubmitMusicInput = {
      mode: "custom",
      lyrics: f.lyric,
      title: "Under the Mistletoe",
      style: "holiday, cheerful, male vocals",
      negativeStyle: "heavy metal",
      instrumental: false,
      model: "v4.5",
      callbackUrl: HOOK,
    };
    expect(buildSunohubAudiosBody(input, "chirp-v4-5")).toEqual(f);
  });

  it("extend: action extend with audio_id and continue_at", () => {
    const f = fx("submit_request_extend");
    const input: SubmitMusicInput = {
      mode: "custom",
      lyrics: f.lyric,
      style: "holiday, cheerful, male vocals",
      instrumental: false,
      model: "v4.5",
      extend: { vendorClipId: "b481b17a-bf50-4e10-8adc-4d5635050893", continueAt: 120.5 },
      callbackUrl: HOOK,
    };
    expect(buildSunohubAudiosBody(input, "chirp-v4-5")).toEqual(f);
  });

  it("without a callback URL it asks for an immediate task id with async:true", () => {
    const body = buildSunohubAudiosBody({ mode: "inspiration", description: "x", instrumental: true, model: "v4" }, "chirp-v4");
    expect(body).toMatchObject({ async: true, instrumental: true });
    expect(body).not.toHaveProperty("callback_url");
  });
});

describe("sunohub answers and records", () => {
  it("submit_response_sync_success: a synchronous answer is a finished task", () => {
    const task = parseSunohubAnswer(TASK_ID, fx("submit_response_sync_success"), "audios")!;
    expect(task).toMatchObject({ vendorTaskId: TASK_ID, status: "succeeded", progress: 100 });
    expect(task.clips.map((c) => c.audioUrl)).toEqual([
      "https://cdn1.suno.ai/b481b17a-bf50-4e10-8adc-4d5635050893.mp3",
      "https://cdn1.suno.ai/fbf22dab-5e2b-4e02-84c0-6d7605f14c3d.mp3",
    ]);
    expect(task.clips[0].videoUrl).toBeNull();
  });

  it("submit_response_async: only a task id", () => {
    expect(fx("submit_response_async")).toEqual({ task_id: TASK_ID });
  });

  it("lyrics_response: the data object becomes the lyrics; an array of candidates works too", () => {
    const answer = fx("lyrics_response");
    const task = parseSunohubAnswer(answer.task_id, answer, "lyrics")!;
    expect(task).toMatchObject({ vendorTaskId: "f0225352-d6b8-4172-af61-3f5bc04d3aae", status: "succeeded", clips: [] });
    expect(task.lyrics).toEqual({ title: "Winter's Roar", text: answer.data.text });
    const asArray = parseSunohubAnswer(answer.task_id, { ...answer, data: [answer.data] }, "lyrics")!;
    expect(asArray.lyrics?.title).toBe("Winter's Roar");
  });

  it("fetch_in_progress: no response yet → queued 0", () => {
    const task = parseSunohubRecord(fx("fetch_in_progress"))!;
    expect(task).toMatchObject({ vendorTaskId: TASK_ID, status: "queued", progress: 0, clips: [], error: null });
    expect(task.submittedAt?.getTime()).toBe(1743500462088);
    expect(task.startedAt?.getTime()).toBe(1743500462150);
    expect(task.finishedAt).toBeNull();
  });

  it("fetch_in_progress_streaming: running; the audiopipe URL is a preview only", () => {
    const task = parseSunohubRecord(fx("fetch_in_progress_streaming"))!;
    expect(task).toMatchObject({ status: "running", progress: 50 });
    expect(task.clips[0]).toMatchObject({
      state: "running",
      audioUrl: null,
      streamAudioUrl: "https://audiopipe.suno.ai/?item_id=b481b17a-bf50-4e10-8adc-4d5635050893",
      duration: null,
    });
    expect(task.clips[1]).toMatchObject({ state: "queued", audioUrl: null, streamAudioUrl: null });
  });

  it("fetch_success: succeeded with lyric, style, model and duration per clip", () => {
    const task = parseSunohubRecord(fx("fetch_success"))!;
    expect(task).toMatchObject({ status: "succeeded", progress: 100, error: null });
    expect(task.finishedAt?.getTime()).toBe(1743500531710);
    expect(task.clips[0]).toEqual({
      vendorClipId: "b481b17a-bf50-4e10-8adc-4d5635050893",
      title: "Under the Mistletoe",
      lyrics: fx("fetch_success").response.data[0].lyric,
      style: "holiday, cheerful, male vocals",
      model: "v4",
      vendorModel: "chirp-v4",
      duration: 154.92,
      audioUrl: "https://cdn1.suno.ai/b481b17a-bf50-4e10-8adc-4d5635050893.mp3",
      streamAudioUrl: null,
      imageUrl: "https://cdn2.suno.ai/image_b481b17a-bf50-4e10-8adc-4d5635050893.jpeg",
      imageLargeUrl: null,
      videoUrl: "https://cdn1.suno.ai/b481b17a-bf50-4e10-8adc-4d5635050893.mp4",
      state: "succeeded",
      errorMessage: null,
      createdAt: new Date("2025-04-01T09:41:02.088Z"),
    });
  });

  it("fetch_failure: failed with the vendor's code mapped and its message kept", () => {
    const task = parseSunohubRecord(fx("fetch_failure"))!;
    expect(task).toMatchObject({ status: "failed", progress: 100, error: { code: "moderation", message: "Song Description contained artist name" } });
  });

  it("fetch_batch_response: items parse one by one", () => {
    const tasks = (fx("fetch_batch_response").items as unknown[]).map(parseSunohubRecord);
    expect(tasks.map((t) => [t?.vendorTaskId, t?.status])).toEqual([[TASK_ID, "succeeded"]]);
  });

  it("top-level state wins where present", () => {
    const { response: _r, ...queued } = fx("fetch_success");
    expect(parseSunohubRecord({ ...queued, state: "processing", finished_at: undefined })?.status).toBe("running");
    expect(parseSunohubRecord({ ...queued, state: "failed" })?.status).toBe("failed");
    expect(parseSunohubRecord({ ...fx("fetch_in_progress_streaming"), state: "pending" })?.status).toBe("queued");
  });

  it("finished with only preview audio fails as no_output", () => {
    const record = fx("fetch_in_progress_streaming");
    const task = parseSunohubRecord({ ...record, finished_at: 1743500531.71 })!;
    expect(task).toMatchObject({ status: "failed", error: { code: "no_output" } });
  });

  it("callback_payload_success and callback_payload_failure are answers like any other (Songloft never reads them: the URL's secret names the task)", () => {
    expect(parseSunohubAnswer(TASK_ID, fx("callback_payload_success"), "audios")?.status).toBe("succeeded");
    expect(parseSunohubAnswer(TASK_ID, fx("callback_payload_failure"), "audios")?.error?.code).toBe("moderation");
  });
});

describe("sunohub error fixtures", () => {
  const cases: Array<[string, number, string]> = [
    ["error_400_bad_request", 400, "bad_request"],
    ["error_401_invalid_token", 401, "auth"],
    ["error_403_moderation", 403, "moderation"],
    ["error_403_used_up", 403, "quota"],
    ["error_429_too_many_requests", 429, "rate_limited"],
    ["error_500_api_error", 500, "vendor_unavailable"],
    ["error_504_timeout", 504, "timeout"],
  ];
  it.each(cases)("%s → %s", (name, status, code) => {
    const body = fx(name);
    expect(classifySunohubError(status, body)).toMatchObject({ code, httpStatus: status, vendorMessage: body.error.message });
  });

  it("token_expired and no_token are auth; a task record is not an error", () => {
    expect(classifySunohubError(401, { success: false, error: { code: "token_expired", message: "expired" } })?.code).toBe("auth");
    expect(classifySunohubError(401, { success: false, error: { code: "no_token", message: "" } })?.vendorMessage).toBe("no_token");
    expect(classifySunohubError(200, fx("fetch_failure"))).toBeNull();
  });
});
