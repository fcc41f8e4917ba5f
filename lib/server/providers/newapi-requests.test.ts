import { describe, expect, it } from "vitest";
import { loadFixture } from "@/tests/simulators/fixtures";
import { parseNewapiTask } from "./newapi";
import {
  buildNewapiConcatBody,
  buildNewapiMusicBody,
  buildNewapiPersonaBody,
  buildNewapiStemsBody,
  formatSubmitResult,
  personaSubmitResult,
  uploadAnswerSchema,
} from "./newapi-requests";
import type { SubmitMusicInput, VendorSource } from "./types";

const fx = (name: string) => loadFixture("newapi", name);
const SOURCE: VendorSource = { vendorClipId: "a06015d0-9e04-4f30-85db-401494940394", vendorTaskId: "ba46ad15-07ce-41a6-b68d-196321dc00d5", title: "City Lights" };
const UPLOAD = { audioUrl: "https://songloft.example/u/abc.wav?sig=1", uploadId: "up1", duration: 30, title: "Demo" };
const custom: SubmitMusicInput = { mode: "custom", lyrics: "[Verse]\nNew words", style: "jazz", title: "Cover", instrumental: false, model: "v4" };

describe("new-api family requests beyond a plain song", () => {
  it("concat sends what submit_request_concat shows", () => {
    const f = fx("submit_request_concat");
    expect(buildNewapiConcatBody({ source: { vendorClipId: f.clip_id }, segments: [] })).toEqual(f);
    expect(buildNewapiConcatBody({ source: SOURCE, segments: [], callbackUrl: "https://h/x" })).toMatchObject({ notify_hook: "https://h/x" });
  });

  it("a cover names the source clip and its task", () => {
    expect(buildNewapiMusicBody({ ...custom, cover: SOURCE }, "chirp-v4")).toEqual({
      mv: "chirp-v4",
      make_instrumental: false,
      prompt: "[Verse]\nNew words",
      tags: "jazz",
      title: "Cover",
      task: "cover",
      cover_clip_id: SOURCE.vendorClipId,
      task_id: SOURCE.vendorTaskId,
    });
  });

  it("an inspiration cover sends the description, not lyrics", () => {
    const body = buildNewapiMusicBody({ mode: "inspiration", description: "as a waltz", instrumental: false, model: "v4", cover: SOURCE }, "chirp-v4");
    expect(body).toMatchObject({ gpt_description_prompt: "as a waltz", task: "cover" });
    expect(body).not.toHaveProperty("prompt");
  });

  it("an upload is extended or covered by the clip id the upload call answered", () => {
    const ext = buildNewapiMusicBody({ ...custom, extend: { upload: UPLOAD, continueAt: 12 } }, "chirp-v4", "clip-up");
    expect(ext).toMatchObject({ task: "upload_extend", continue_clip_id: "clip-up", task_id: "clip-up", continue_at: 12 });
    const cover = buildNewapiMusicBody({ ...custom, cover: { upload: UPLOAD } }, "chirp-v4", "clip-up");
    expect(cover).toMatchObject({ task: "cover", cover_clip_id: "clip-up", task_id: "clip-up" });
    expect(() => buildNewapiMusicBody({ ...custom, cover: { upload: UPLOAD } }, "chirp-v4")).toThrow(/uploaded file/);
  });

  it("reads the uploaded clip id as a string or inside an object", () => {
    expect(uploadAnswerSchema.parse({ code: "success", message: "", data: "clip-1" })).toBe("clip-1");
    expect(uploadAnswerSchema.parse({ code: "success", data: { clip_id: "clip-2" } })).toBe("clip-2");
  });

  it("a persona voice uses artist_consistency on the tau model; it cannot be combined with extend", () => {
    const persona = { vendorPersonaId: "p-1", source: SOURCE };
    expect(buildNewapiMusicBody({ ...custom, persona }, "chirp-v4")).toMatchObject({
      task: "artist_consistency",
      persona_id: "p-1",
      artist_clip_id: SOURCE.vendorClipId,
      task_id: SOURCE.vendorTaskId,
      mv: "chirp-v4-tau",
    });
    expect(buildNewapiMusicBody({ ...custom, persona }, "chirp-crow").mv).toBe("chirp-crow");
    expect(() => buildNewapiMusicBody({ ...custom, persona, extend: { ...SOURCE, continueAt: 3 } }, "chirp-v4")).toThrow(/persona/);
  });

  it("stems are a two-stem gen_stem task on the source's channel; personas stay private", () => {
    expect(buildNewapiStemsBody({ source: SOURCE })).toMatchObject({
      task: "gen_stem",
      continue_clip_id: SOURCE.vendorClipId,
      task_id: SOURCE.vendorTaskId,
      stem_task: "two",
      title: "City Lights",
    });
    expect(buildNewapiPersonaBody({ source: SOURCE, name: "Voice", description: null })).toEqual({
      root_clip_id: SOURCE.vendorClipId,
      name: "Voice",
      description: "",
      clips: [SOURCE.vendorClipId],
      is_public: false,
    });
  });
});

describe("new-api family answers", () => {
  it("WAV/MP4: a task id to poll, or the file at once", () => {
    expect(formatSubmitResult("wav", "c1", { code: "success", message: "", data: "47443cc1-4902-42ae-ae7f-72a9900544e9" })).toMatchObject({
      vendorTaskId: "47443cc1-4902-42ae-ae7f-72a9900544e9",
    });
    const now = formatSubmitResult("video", "c1", { code: "success", data: { video_url: "https://cdn1.suno.ai/c1.mp4" } });
    expect(now.task).toMatchObject({ status: "succeeded", formats: { video: "https://cdn1.suno.ai/c1.mp4" }, clips: [] });
    expect(() => formatSubmitResult("wav", "c1", { code: "success", data: null })).toThrow(/neither a file nor a task id/);
  });

  it("persona: CometAPI's `{id, …}` answer is the persona", () => {
    const result = personaSubmitResult({ id: "fd213afd-ac1c-4822-9802-c1c0ea45e77b", name: "food", root_clip_id: "c1", clip: { id: "c1" } });
    expect(result.task).toMatchObject({ status: "succeeded", persona: { vendorPersonaId: "fd213afd-ac1c-4822-9802-c1c0ea45e77b" } });
    expect(personaSubmitResult({ code: "success", data: "task-9" })).toMatchObject({ vendorTaskId: "task-9" });
  });

  it("a fetched WAV or MP4 task carries the file and no clips; a song's own video links stay on its clips", () => {
    const base = { task_id: "t1", status: "SUCCESS", progress: "100%", fail_reason: "" };
    const wav = parseNewapiTask({ ...base, action: "WAV", data: [{ id: "c1", wav_url: "https://cdn1.suno.ai/c1.wav" }] })!;
    expect(wav).toMatchObject({ status: "succeeded", formats: { wav: "https://cdn1.suno.ai/c1.wav" }, clips: [] });
    const empty = parseNewapiTask({ ...base, action: "MP4", data: [{ id: "c1" }] })!;
    expect(empty).toMatchObject({ status: "failed", error: { code: "no_output" } });
    const song = parseNewapiTask(fx("fetch_success").data)!;
    expect(song.formats).toBeUndefined();
    expect(song.clips.length).toBe(2);
  });

  it("stems arrive instrumental-first as '(Instrumental)'/'(Vocals)' and leave vocals-first as ' - Vocals'/' - Instrumental'", () => {
    const clip = (id: string, title: string) => ({ id, title, status: "complete", audio_url: `https://cdn1.suno.ai/${id}.mp3`, metadata: {} });
    const task = parseNewapiTask({ task_id: "t", action: "MUSIC", status: "SUCCESS", data: [clip("i", "Neon (Instrumental)"), clip("v", "Neon (Vocals)")] })!;
    expect(task.clips.map((c) => [c.vendorClipId, c.title])).toEqual([
      ["v", "Neon - Vocals"],
      ["i", "Neon - Instrumental"],
    ]);
  });
});
