import { describe, expect, it } from "vitest";
import { loadFixture } from "@/tests/simulators/fixtures";
import { createSunohubAdapter, parseSunohubAnswer, parseSunohubRecord } from "./sunohub";
import { buildSunohubAudiosBody, buildSunohubConcatBody, buildSunohubStemsBody } from "./sunohub-requests";
import type { SubmitMusicInput, VendorSource } from "./types";

const fx = (name: string) => loadFixture("sunohub", name);
const SOURCE: VendorSource = { vendorClipId: "b481b17a-bf50-4e10-8adc-4d5635050893", title: "Under the Mistletoe" };
const UPLOAD = { audioUrl: "https://songloft.example/u/abc.wav?sig=1", uploadId: "up1", duration: 30, title: "Demo" };
const custom: SubmitMusicInput = { mode: "custom", lyrics: "[Verse]\nHi", style: "jazz", instrumental: false, model: "v4.5" };

describe("sunohub requests beyond a plain song (submit_request_cover / _concat fixtures)", () => {
  it("cover: AceData's cover body, plus async for an immediate task id", () => {
    const f = fx("submit_request_cover");
    const input: SubmitMusicInput = { mode: "inspiration", description: f.prompt, instrumental: false, model: "v4.5", cover: SOURCE };
    expect(buildSunohubAudiosBody(input, "chirp-v4-5")).toEqual({ ...f, async: true });
  });

  it("concat sends the fixture's body; stems ask as a Pro account", () => {
    const f = fx("submit_request_concat");
    expect(buildSunohubConcatBody({ source: { vendorClipId: f.audio_id }, segments: [] })).toEqual({ ...f, async: true });
    expect(buildSunohubConcatBody({ source: SOURCE, segments: [], callbackUrl: "https://h/x" })).toEqual({
      action: "concat",
      audio_id: SOURCE.vendorClipId,
      callback_url: "https://h/x",
    });
    expect(buildSunohubStemsBody({ source: SOURCE })).toEqual({ action: "stems", audio_id: SOURCE.vendorClipId, is_pro: true, async: true });
  });

  it("uploads go by audio_url with upload_extend / upload_cover", () => {
    expect(buildSunohubAudiosBody({ ...custom, extend: { upload: UPLOAD, continueAt: 10 } }, "chirp-v4-5")).toMatchObject({
      action: "upload_extend",
      audio_url: UPLOAD.audioUrl,
      continue_at: 10,
      custom: true,
    });
    const cover = buildSunohubAudiosBody({ ...custom, cover: { upload: UPLOAD } }, "chirp-v4-5");
    expect(cover).toMatchObject({ action: "upload_cover", audio_url: UPLOAD.audioUrl, custom: true, lyric: "[Verse]\nHi", style: "jazz" });
    expect(cover).not.toHaveProperty("audio_id");
  });

  it("a persona voice is artist_consistency with the persona and its clip", () => {
    const body = buildSunohubAudiosBody({ ...custom, persona: { vendorPersonaId: "e0d7319e", source: SOURCE } }, "chirp-v4-5");
    expect(body).toMatchObject({ action: "artist_consistency", persona_id: "e0d7319e", audio_id: SOURCE.vendorClipId });
  });

  it("advanced parameters: 0–100 becomes 0–1, only for v4.5 and newer", () => {
    const advanced = { vocalGender: "f" as const, weirdness: 40, styleInfluence: 75 };
    expect(buildSunohubAudiosBody({ ...custom, advanced }, "chirp-v4-5")).toMatchObject({ vocal_gender: "f", weirdness: 0.4, style_influence: 0.75 });
    const old = buildSunohubAudiosBody({ ...custom, model: "v4", advanced }, "chirp-v4");
    expect(old).not.toHaveProperty("weirdness");
    expect(old).not.toHaveProperty("vocal_gender");
    expect(createSunohubAdapter({ id: "p", name: "p", protocol: "sunohub", baseUrl: "http://x", apiKey: "k" }).advancedModels).toEqual(["v4.5", "v4.5+", "v5", "v5.5"]);
  });
});

describe("sunohub answers to the file, persona and song operations (AceData doc examples)", () => {
  it("/suno/wav: `data: [{file_url}]` is the WAV, no clips", () => {
    const answer = { success: true, task_id: "19787138", data: [{ file_url: "https://cdn1.suno.ai/ec13e502.wav" }] };
    expect(parseSunohubAnswer("19787138", answer, "wav")).toMatchObject({ status: "succeeded", formats: { wav: "https://cdn1.suno.ai/ec13e502.wav" }, clips: [] });
  });

  it("/suno/mp4: `data: {video_url}` is the video; /suno/persona: `data: {persona_id}` is the persona", () => {
    const mp4 = { success: true, task_id: "03ae7cca", data: { video_url: "https://cdn1.suno.ai/275113ab.mp4" } };
    expect(parseSunohubAnswer("03ae7cca", mp4, "mp4")).toMatchObject({ status: "succeeded", formats: { video: "https://cdn1.suno.ai/275113ab.mp4" }, lyrics: null });
    const persona = { success: true, task_id: "8e808558", data: { persona_id: "dae4ae5d-2b51-4af1-b286-1a4473ef4dba" } };
    expect(parseSunohubAnswer("8e808558", persona, "persona")).toMatchObject({ status: "succeeded", persona: { vendorPersonaId: "dae4ae5d-2b51-4af1-b286-1a4473ef4dba" } });
    // A record without a type is told by the shape of its data.
    expect(parseSunohubRecord({ id: "r", response: persona })).toMatchObject({ persona: { vendorPersonaId: "dae4ae5d-2b51-4af1-b286-1a4473ef4dba" } });
  });

  it("a failed WAV task keeps the vendor's reason", () => {
    const failed = { success: false, task_id: "w", error: { code: "bad_request", message: "The song id does not exist or has been taken offline." } };
    expect(parseSunohubAnswer("w", failed, "wav")).toMatchObject({
      status: "failed",
      error: { code: "bad_request", message: "The song id does not exist or has been taken offline." },
    });
  });

  it("concat answers one clip with its concat_history; stems answer vocals then instrumental", () => {
    const clip = (id: string, title: string) => ({ id, title, state: "succeeded", audio_url: `https://cdn1.suno.ai/${id}.mp3`, model: "chirp-auk" });
    const concat = { success: true, task_id: "c", data: [{ ...clip("0efec7e0", ""), concat_history: [{ id: "97efc9f4", continue_at: 2 }, { id: "0a1e1b10" }] }] };
    expect(parseSunohubAnswer("c", concat, "audios")?.clips.map((c) => c.vendorClipId)).toEqual(["0efec7e0"]);
    const stems = { success: true, task_id: "s", data: [clip("i", "Deck the Sky - Instrumental"), clip("v", "Deck the Sky - Vocals")] };
    expect(parseSunohubAnswer("s", stems, "audios")?.clips.map((c) => c.title)).toEqual(["Deck the Sky - Vocals", "Deck the Sky - Instrumental"]);
  });
});
