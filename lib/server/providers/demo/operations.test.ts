import { describe, expect, it } from "vitest";
import { CAPABILITIES } from "@/lib/domain";
import type { ProviderConfig, SubmitMusicInput, VendorClip, VendorSource, VendorTask } from "../types";
import { createDemoAdapter, DEMO_FILE_SUCCEEDED_AFTER_MS, DEMO_RUNNING_AFTER_MS, DEMO_STREAMING_AFTER_MS, DEMO_SUCCEEDED_AFTER_MS, renderDemoAsset } from "./index";
import { SAMPLE_RATE } from "./synth";
import { MAX_JOIN_PIECES, parseDemoAudioUrl } from "./urls";

const config: ProviderConfig = { id: "demo", name: "Demo (offline)", protocol: "demo", baseUrl: "", apiKey: "" };
const T0 = 1_700_000_000_000;
const song: SubmitMusicInput = { mode: "custom", lyrics: "[Verse]\nNeon rain", title: "Neon Rain", style: "synthwave", instrumental: false, model: "v5" };

function setup() {
  const clock = { now: T0 };
  const adapter = createDemoAdapter(config, { now: () => clock.now });
  /** The task as seen `elapsed` ms after it was submitted (every submission here happens at T0). */
  const at = async (id: string, elapsed: number): Promise<VendorTask> => {
    clock.now = T0 + elapsed;
    const task = (await adapter.fetchTasks([id])).get(id);
    clock.now = T0;
    if (!task) throw new Error("task missing");
    return task;
  };
  const done = (id: string) => at(id, DEMO_SUCCEEDED_AFTER_MS);
  const clipsOf = async (input: SubmitMusicInput) => (await done((await adapter.submitMusic(input)).vendorTaskId)).clips;
  return { adapter, at, done, clipsOf };
}

const sourceOf = (clip: VendorClip): VendorSource => ({ vendorClipId: clip.vendorClipId, audioUrl: clip.audioUrl, duration: clip.duration, title: clip.title });

/** 16-bit mono samples of a demo WAV URL. */
function samplesOf(url: string | null | undefined): Int16Array {
  const body = renderDemoAsset(url ?? "")!.body;
  expect(body.toString("ascii", 0, 4)).toBe("RIFF");
  return new Int16Array(body.buffer.slice(body.byteOffset + 44, body.byteOffset + body.length));
}

const seconds = (samples: Int16Array) => samples.length / SAMPLE_RATE;
const same = (a: Int16Array, b: Int16Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe("demo adapter capabilities", () => {
  it("can do everything, offline", () => {
    expect([...createDemoAdapter(config).capabilities].sort()).toEqual([...CAPABILITIES].sort());
  });
});

describe("cover", () => {
  it("re-arranges a clip: two new takes of the same length, the same tune, a new sound and cover", async () => {
    const { adapter, at, clipsOf } = setup();
    const [source] = await clipsOf(song);
    const { vendorTaskId } = await adapter.submitMusic({ mode: "inspiration", description: "as a slow jazz ballad", instrumental: false, model: "v5", cover: sourceOf(source) });

    expect((await at(vendorTaskId, DEMO_RUNNING_AFTER_MS - 1)).status).toBe("queued");
    expect((await at(vendorTaskId, DEMO_STREAMING_AFTER_MS)).clips.map((c) => c.state)).toEqual(["streaming", "streaming"]);
    const covers = (await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS)).clips;
    expect(covers).toHaveLength(2);
    const original = samplesOf(source.audioUrl);
    for (const cover of covers) {
      expect(cover).toMatchObject({ state: "succeeded", title: "Neon Rain", duration: source.duration });
      expect(cover.style).not.toBe(source.style);
      expect(cover.imageUrl).not.toBe(source.imageUrl);
      const audio = samplesOf(cover.audioUrl);
      expect(seconds(audio)).toBeCloseTo(source.duration!, 2);
      expect(same(audio, original)).toBe(false);
      // The same family: the cover is rendered from the source's own seed and take.
      const sound = parseDemoAudioUrl(cover.audioUrl);
      const origin = parseDemoAudioUrl(source.audioUrl);
      expect(sound?.kind === "sound" && origin?.kind === "sound" && [sound.sound.seed, sound.sound.take]).toEqual(
        origin?.kind === "sound" && [origin.sound.seed, origin.sound.take],
      );
    }
    expect(same(samplesOf(covers[0].audioUrl), samplesOf(covers[1].audioUrl))).toBe(false);
    expect(covers[0].imageUrl).not.toBe(covers[1].imageUrl);
  });

  it("covers an upload from its id, title and length, without fetching it", async () => {
    const { clipsOf } = setup();
    const upload = { audioUrl: "http://unreachable.invalid/u/1", uploadId: "up_1", duration: 31.5, title: "Garage demo" };
    const covers = await clipsOf({ mode: "inspiration", description: "brighter", instrumental: true, model: "v4", cover: { upload } });
    expect(covers.map((c) => [c.title, c.duration, c.lyrics])).toEqual([
      ["Garage demo", 31.5, null],
      ["Garage demo", 31.5, null],
    ]);
    expect(seconds(samplesOf(covers[0].audioUrl))).toBeCloseTo(31.5, 2);
    const again = await clipsOf({ mode: "inspiration", description: "brighter", instrumental: true, model: "v4", cover: { upload } });
    expect(again.map((c) => c.audioUrl)).toEqual(covers.map((c) => c.audioUrl));
    const other = await clipsOf({ mode: "inspiration", description: "brighter", instrumental: true, model: "v4", cover: { upload: { ...upload, uploadId: "up_2" } } });
    expect(same(samplesOf(other[0].audioUrl), samplesOf(covers[0].audioUrl))).toBe(false);
  });

  it("refuses a source that is not a demo clip", async () => {
    const { adapter } = setup();
    await expect(adapter.submitMusic({ ...song, cover: { vendorClipId: "x", audioUrl: "https://cdn1.suno.ai/x.mp3" } })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("extend of an upload", () => {
  it("continues the upload under its title", async () => {
    const { clipsOf } = setup();
    const upload = { audioUrl: "http://unreachable.invalid/u/2", uploadId: "up_3", duration: 40, title: "Voice memo" };
    const clips = await clipsOf({ mode: "inspiration", description: "keep going", instrumental: false, model: "v5", extend: { upload, continueAt: 12 } });
    expect(clips.map((c) => [c.title, c.duration])).toEqual([
      ["Voice memo (extended)", 32],
      ["Voice memo (extended)", 32],
    ]);
    expect(seconds(samplesOf(clips[1].audioUrl))).toBeCloseTo(32, 2);
  });
});

describe("persona", () => {
  it("makes a persona whose id is fixed for the task and new for each submission", async () => {
    const { adapter, at, clipsOf } = setup();
    const [source] = await clipsOf(song);
    const input = { source: sourceOf(source), name: "Neon singer", description: "airy" };
    const { vendorTaskId } = await adapter.submitPersona!(input);
    expect(await at(vendorTaskId, DEMO_RUNNING_AFTER_MS - 1)).toMatchObject({ status: "queued", clips: [] });
    expect(await at(vendorTaskId, DEMO_FILE_SUCCEEDED_AFTER_MS - 1)).toMatchObject({ status: "running", clips: [] });
    const done = await at(vendorTaskId, DEMO_FILE_SUCCEEDED_AFTER_MS);
    expect(done).toMatchObject({ status: "succeeded", progress: 100, clips: [] });
    const id = done.persona?.vendorPersonaId;
    expect(id).toMatch(/^demo-persona-[0-9a-f]{12}$/);
    expect((await at(vendorTaskId, 999_999)).persona?.vendorPersonaId).toBe(id);
    const second = await adapter.submitPersona!(input);
    expect((await at(second.vendorTaskId, DEMO_FILE_SUCCEEDED_AFTER_MS)).persona?.vendorPersonaId).not.toBe(id);
  });

  it("sings in the persona's voice: the same song sounds different with each persona", async () => {
    const { clipsOf } = setup();
    const [source] = await clipsOf(song);
    const persona = (vendorPersonaId: string) => ({ vendorPersonaId, source: sourceOf(source) });
    const plain = await clipsOf({ ...song, title: "Voice test" });
    const a = await clipsOf({ ...song, title: "Voice test", persona: persona("demo-persona-0123456789ab") });
    const b = await clipsOf({ ...song, title: "Voice test", persona: persona("demo-persona-ba9876543210") });
    expect(a[0].duration).toBeGreaterThanOrEqual(20);
    const [p, x, y] = [plain, a, b].map((clips) => samplesOf(clips[0].audioUrl));
    expect(same(x, p)).toBe(false);
    expect(same(x, y)).toBe(false);
    expect(same(samplesOf(a[0].audioUrl), x)).toBe(true);
  });
});

describe("whole song (concat)", () => {
  async function chain() {
    const { adapter, clipsOf, at, done } = setup();
    const [first] = await clipsOf(song);
    const [second] = await clipsOf({ ...song, extend: { ...sourceOf(first), continueAt: 10 } });
    const [third] = await clipsOf({ ...song, extend: { ...sourceOf(second), continueAt: 15.5 } });
    const segments = [
      { ...sourceOf(first), continueAt: null },
      { ...sourceOf(second), continueAt: 10 },
      { ...sourceOf(third), continueAt: 15.5 },
    ];
    return { adapter, at, done, first, second, third, segments };
  }

  it("joins each segment up to where the next continues it, then the last one whole", async () => {
    const { adapter, at, first, third, segments } = await chain();
    const { vendorTaskId } = await adapter.submitConcat!({ source: sourceOf(third), segments });
    expect((await at(vendorTaskId, DEMO_RUNNING_AFTER_MS - 1)).status).toBe("queued");
    expect((await at(vendorTaskId, DEMO_STREAMING_AFTER_MS)).clips).toHaveLength(1);
    const task = await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS);
    expect(task.status).toBe("succeeded");
    expect(task.clips).toHaveLength(1);
    const [whole] = task.clips;
    const expected = 10 + 15.5 + third.duration!;
    expect(whole).toMatchObject({ title: third.title, duration: expected, state: "succeeded" });
    const audio = samplesOf(whole.audioUrl);
    expect(seconds(audio)).toBeCloseTo(expected, 2);
    // It starts with the first clip's own audio and ends with the last clip's.
    const head = samplesOf(first.audioUrl).subarray(0, 9 * SAMPLE_RATE);
    expect(same(audio.subarray(0, head.length), head)).toBe(true);
    const tail = samplesOf(third.audioUrl);
    expect(same(audio.subarray(audio.length - tail.length), tail)).toBe(true);
  });

  it("keeps the task id under its cap for the longest chain and refuses an empty or foreign one", async () => {
    const { adapter, first } = await chain();
    const segments = Array.from({ length: MAX_JOIN_PIECES }, (_, i) => ({ ...sourceOf(first), continueAt: i === 0 ? null : 5.25 }));
    const { vendorTaskId } = await adapter.submitConcat!({ source: sourceOf(first), segments });
    expect(vendorTaskId.length).toBeLessThan(4096);
    expect((await adapter.fetchTasks([vendorTaskId])).size).toBe(1);
    await expect(adapter.submitConcat!({ source: sourceOf(first), segments: [] })).rejects.toMatchObject({ code: "bad_request" });
    await expect(adapter.submitConcat!({ source: sourceOf(first), segments: [...segments, segments[1]] })).rejects.toMatchObject({ code: "bad_request" });
    const foreign = { vendorClipId: "x", audioUrl: "https://cdn1.suno.ai/x.mp3", continueAt: null };
    await expect(adapter.submitConcat!({ source: sourceOf(first), segments: [foreign] })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("stems", () => {
  it("splits a clip into vocals and instrumental that differ and add up to the clip", async () => {
    const { adapter, at, clipsOf } = setup();
    const [source] = await clipsOf(song);
    const { vendorTaskId } = await adapter.submitStems!({ source: sourceOf(source) });
    expect((await at(vendorTaskId, DEMO_STREAMING_AFTER_MS)).clips.map((c) => c.state)).toEqual(["streaming", "streaming"]);
    const task = await at(vendorTaskId, DEMO_SUCCEEDED_AFTER_MS);
    expect(task.clips.map((c) => [c.title, c.duration, c.state])).toEqual([
      ["Neon Rain - Vocals", source.duration, "succeeded"],
      ["Neon Rain - Instrumental", source.duration, "succeeded"],
    ]);
    const [vocals, band] = task.clips.map((c) => samplesOf(c.audioUrl));
    const mix = samplesOf(source.audioUrl);
    expect(same(vocals, band)).toBe(false);
    expect(same(vocals, mix)).toBe(false);
    expect(same(band, mix)).toBe(false);
    // Both stems carry sound, and together they are the song (up to 16-bit rounding).
    const rms = (s: Int16Array) => Math.sqrt(s.reduce((sum, v) => sum + v * v, 0) / s.length);
    expect(rms(vocals)).toBeGreaterThan(300);
    expect(rms(band)).toBeGreaterThan(300);
    let worst = 0;
    for (let i = 0; i < mix.length; i++) worst = Math.max(worst, Math.abs(vocals[i] + band[i] - mix[i]));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("splits a whole song too", async () => {
    const { adapter, clipsOf, done } = setup();
    const [first] = await clipsOf(song);
    const [second] = await clipsOf({ ...song, extend: { ...sourceOf(first), continueAt: 8 } });
    const segments = [
      { ...sourceOf(first), continueAt: null },
      { ...sourceOf(second), continueAt: 8 },
    ];
    const [whole] = (await done((await adapter.submitConcat!({ source: sourceOf(second), segments })).vendorTaskId)).clips;
    const stems = (await done((await adapter.submitStems!({ source: sourceOf(whole) })).vendorTaskId)).clips;
    expect(stems.map((c) => c.duration)).toEqual([whole.duration, whole.duration]);
    expect(seconds(samplesOf(stems[0].audioUrl))).toBeCloseTo(whole.duration!, 2);
  });
});

describe("WAV and video", () => {
  it("makes the clip's audio as a PCM WAV file, sooner than a song", async () => {
    const { adapter, at, clipsOf } = setup();
    const [source] = await clipsOf(song);
    const { vendorTaskId } = await adapter.submitWav!({ source: sourceOf(source) });
    const running = await at(vendorTaskId, DEMO_FILE_SUCCEEDED_AFTER_MS - 1);
    expect(running.status).toBe("running");
    expect(running.formats).toBeUndefined();
    const task = await at(vendorTaskId, DEMO_FILE_SUCCEEDED_AFTER_MS);
    expect(task).toMatchObject({ status: "succeeded", clips: [] });
    const wav = renderDemoAsset(task.formats!.wav!)!;
    expect(wav).toMatchObject({ contentType: "audio/wav", fileExt: "wav" });
    expect([wav.body.toString("ascii", 0, 4), wav.body.toString("ascii", 8, 12), wav.body.readUInt16LE(20)]).toEqual(["RIFF", "WAVE", 1]);
    expect(same(samplesOf(task.formats!.wav), samplesOf(source.audioUrl))).toBe(true);
  });

  it("makes an MP4 of the cover with the clip's sound", async () => {
    const { adapter, at, clipsOf } = setup();
    const [source] = await clipsOf(song);
    const { vendorTaskId } = await adapter.submitVideo!({ source: sourceOf(source) });
    expect((await at(vendorTaskId, DEMO_RUNNING_AFTER_MS)).status).toBe("running");
    const task = await at(vendorTaskId, DEMO_FILE_SUCCEEDED_AFTER_MS);
    expect(task).toMatchObject({ status: "succeeded", clips: [] });
    const video = renderDemoAsset(task.formats!.video!)!;
    expect(video).toMatchObject({ contentType: "video/mp4", fileExt: "mp4" });
    expect(video.body.toString("latin1", 4, 8)).toBe("ftyp");
    const text = video.body.toString("latin1");
    for (const marker of ["moov", "vide", "avc1", "avcC", "soun", "mp4a", "mdat"]) expect(text).toContain(marker);
  });

  it("refuses a clip that is not the demo's", async () => {
    const { adapter } = setup();
    const foreign = { vendorClipId: "x", audioUrl: null };
    for (const submit of [adapter.submitWav!, adapter.submitVideo!, adapter.submitStems!]) {
      await expect(submit({ source: foreign })).rejects.toMatchObject({ code: "bad_request" });
    }
    await expect(adapter.submitPersona!({ source: foreign, name: "x", description: null })).rejects.toMatchObject({ code: "bad_request" });
  });
});
