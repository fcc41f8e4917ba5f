import type { ModelId } from "@/lib/models";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createAdapter } from "@/lib/server/providers";
import type { Capability, ProviderAdapter, ProviderConfig, SubmitMusicInput, VendorErrorCode, VendorSource, VendorTask } from "@/lib/server/providers/types";
import { loadFixture, startNengyongaiSimulator, startNewapiSimulator, startSunohubSimulator, type SimRoute, type Simulator, type SimulatorOptions } from "@/tests/simulators";
import { FAST_STEPS, FAST_TIMEOUTS } from "./providers-support";

// What differs between the three relay protocols, as data, so one contract suite
// (provider-contract.test.ts) can hold every adapter to the same behaviours.

type Fixture = Record<string, string>;
type Protocol = "newapi" | "nengyongai" | "sunohub";
interface Ids {
  vendorTaskId: string;
  vendorClipId: string;
}

export interface ContractVendor {
  protocol: Protocol;
  start(options: SimulatorOptions): Promise<Simulator>;
  /** The documented inspiration request, and the vendor's own words for each stage. */
  inspiration(fixture: Fixture): SubmitMusicInput;
  lifecycle(queued: VendorTask, running: VendorTask, done: VendorTask): void;
  custom(fixture: Fixture): SubmitMusicInput;
  /** Some vendors document empty fields the adapter leaves out; only filled ones must match. */
  customComparesFilledFieldsOnly?: true;
  instrumental: { input: SubmitMusicInput; body: unknown };
  extend: { sourceModel: SubmitMusicInput["model"]; input(fixture: Fixture, ids: Ids): SubmitMusicInput; body(fixture: Fixture, ids: Ids): unknown };
  lyrics: { prompt: string; body: unknown };
  failure: { reason: string; code: string };
  callbackBody(vendorTaskId: string): unknown;
  /** Only vendors that answer an unknown extend source with their own error. */
  unknownExtend?: { input: SubmitMusicInput; error: object };
  rejectedKeyMessage: unknown;
  /** The ids a fetch fault is provoked with (a single GET or a batch), and the status the vendor answers them with. */
  faultIds: string[];
  faultIdsStatus: number;
  /** A model this protocol does not offer, when there is one. */
  unofferedModel?: ModelId;
  submitErrors: Array<[fixture: string, code: VendorErrorCode]>;
  vendorMessageOf(body: { message?: string; error?: { message: string } }): string | undefined;
  operations: OperationsSpec;
}

/** What the vendor operations look like on each protocol's wire (provider-contract-operations.test.ts). */
export interface OperationsSpec {
  capabilities: readonly Capability[];
  unconfirmed: readonly Capability[];
  /** The concat body for the chain's last clip (the concat fixture with the clip id put in). */
  concatBody(clipId: string): unknown;
  /** The route a concat request counts under, to inject a fault on it. */
  concatRoute: SimRoute;
  /** A cover of a clip: the input and the body it must send (the cover fixture where there is one). */
  cover(source: VendorSource): { input: SubmitMusicInput; body: unknown };
  /** What the song request for an uploaded file carries. */
  uploadBody(kind: "extend" | "cover", url: string): unknown;
  /** Where an upload link the vendor cannot read is refused: at the submit, or as a failed task. */
  unreadableUpload: "submit" | "task";
  personaBody(vendorPersonaId: string, clipId: string): unknown;
}

const errorMessage = (body: { message?: string; error?: { message: string } }) => body.message ?? body.error?.message;

const newapi: ContractVendor = {
  protocol: "newapi",
  start: startNewapiSimulator,
  inspiration: (f) => ({ mode: "inspiration", description: f.gpt_description_prompt, instrumental: false, model: "v4", callbackUrl: f.notify_hook }),
  lifecycle(queued, running, done) {
    expect(queued).toMatchObject({ vendorStatus: "NOT_START", clips: [] });
    expect(running).toMatchObject({ vendorStatus: "IN_PROGRESS" });
    expect(running.clips[0]).toMatchObject({ state: "streaming", audioUrl: null });
    expect(done).toMatchObject({ error: null });
    for (const clip of done.clips) expect(clip).toMatchObject({ streamAudioUrl: null, duration: 2 });
  },
  custom: (f) => ({
    mode: "custom",
    lyrics: f.prompt,
    style: f.tags,
    negativeStyle: f.negative_tags,
    title: f.title,
    instrumental: false,
    model: "v4",
    callbackUrl: f.notify_hook,
  }),
  instrumental: {
    input: { mode: "custom", style: "heavy metal", title: "Beijing", instrumental: true, model: "v4" },
    body: loadFixture("newapi", "submit_request_custom_instrumental"),
  },
  extend: {
    sourceModel: "v4",
    input: (f, ids) => ({ mode: "custom", lyrics: f.prompt, style: f.tags, title: f.title, instrumental: false, model: "v4", extend: { ...ids, continueAt: 80 } }),
    body: (f, ids) => ({ ...f, task_id: ids.vendorTaskId, continue_clip_id: ids.vendorClipId }),
  },
  lyrics: { prompt: "dance", body: loadFixture("newapi", "lyrics_submit_request") },
  failure: { reason: "Lyrics contained copyrighted material", code: "generation_failed" },
  callbackBody: (id) => ({ task_id: id }),
  unknownExtend: {
    input: { mode: "custom", lyrics: "x", instrumental: false, model: "v4", extend: { vendorClipId: "nope", vendorTaskId: "nope", continueAt: 10 } },
    error: { code: "not_found", vendorMessage: "task_not_exist", httpStatus: 400 },
  },
  rejectedKeyMessage: expect.stringContaining("无效的令牌"),
  faultIds: ["a", "b"],
  faultIdsStatus: 200,
  unofferedModel: "v5.5",
  submitErrors: [
    ["error_403_quota_not_enough", "quota"],
    ["error_403_insufficient_user_quota", "quota"],
    ["error_401_token_exhausted", "quota"],
    ["error_503_no_channel", "vendor_unavailable"],
    ["error_500_upstream", "vendor_unavailable"],
    ["error_400_invalid_request", "bad_request"],
  ],
  vendorMessageOf: errorMessage,
  operations: {
    capabilities: ["extend", "cover", "concat", "stems", "wav", "video", "timedLyrics", "upload", "persona"],
    unconfirmed: ["cover", "concat", "stems", "wav", "video", "timedLyrics", "upload", "persona"],
    concatBody: (clipId) => ({ ...loadFixture<Fixture>("newapi", "submit_request_concat"), clip_id: clipId }),
    concatRoute: "concat",
    cover: (source) => ({
      input: { mode: "custom", lyrics: "[Verse]\nNew words", style: "jazz", title: "Neon (cover)", instrumental: false, model: "v4", cover: source },
      body: {
        mv: "chirp-v4",
        make_instrumental: false,
        prompt: "[Verse]\nNew words",
        tags: "jazz",
        title: "Neon (cover)",
        task: "cover",
        cover_clip_id: source.vendorClipId,
        task_id: source.vendorTaskId,
      },
    }),
    uploadBody: (kind) => expect.objectContaining(kind === "extend" ? { task: "upload_extend", continue_at: 1 } : { task: "cover" }),
    unreadableUpload: "submit",
    personaBody: (personaId, clipId) => expect.objectContaining({ task: "artist_consistency", persona_id: personaId, artist_clip_id: clipId, mv: "chirp-v4-tau" }),
  },
};

const nengyongai: ContractVendor = {
  protocol: "nengyongai",
  start: startNengyongaiSimulator,
  inspiration: newapi.inspiration,
  lifecycle(queued, running, done) {
    expect([queued, running, done].map((t) => [t.status, t.vendorStatus, t.progress])).toEqual([
      ["queued", "pending", 0],
      ["running", "processing", 50],
      ["succeeded", "completed", 100],
    ]);
    expect(running.clips.find((c) => c.state === "streaming")?.streamAudioUrl).toContain("/audiopipe/");
    for (const clip of done.clips) expect(clip).toMatchObject({ vendorModel: "chirp-v4" });
  },
  custom: (f) => ({ mode: "custom", lyrics: f.prompt, style: f.tags, title: f.title, instrumental: false, model: "v4" }),
  customComparesFilledFieldsOnly: true,
  instrumental: {
    input: { mode: "custom", style: "ambient", title: "Drift", instrumental: true, model: "v3.5" },
    body: expect.objectContaining({ make_instrumental: true, prompt: "", mv: "chirp-v3-5" }),
  },
  extend: newapi.extend,
  lyrics: { prompt: "autumn rain", body: { prompt: "autumn rain" } },
  failure: { reason: "Tags contained artist name", code: "generation_failed" },
  callbackBody: (id) => ({ task_id: id, status: "completed" }),
  rejectedKeyMessage: expect.stringContaining("无效的令牌"),
  // One GET per id, and an unknown id is a 404.
  faultIds: ["a"],
  faultIdsStatus: 404,
  unofferedModel: "v5",
  submitErrors: [["error_401_invalid_token", "auth"]],
  vendorMessageOf: errorMessage,
  operations: newapi.operations,
};

const sunohub: ContractVendor = {
  protocol: "sunohub",
  start: startSunohubSimulator,
  inspiration: (f) => ({ mode: "inspiration", description: f.prompt, instrumental: false, model: "v4", callbackUrl: f.callback_url }),
  lifecycle(queued, running, done) {
    expect(queued).toMatchObject({ clips: [] });
    expect(running).toMatchObject({ progress: 50 });
    expect(running.clips[0]).toMatchObject({ state: "running", audioUrl: null });
    expect(running.clips[1]).toMatchObject({ state: "queued", streamAudioUrl: null });
    for (const clip of done.clips) expect(clip).toMatchObject({ duration: 2 });
    expect(done.finishedAt).not.toBeNull();
  },
  custom: (f) => ({
    mode: "custom",
    lyrics: f.lyric,
    title: f.title,
    style: f.style,
    negativeStyle: f.style_negative,
    instrumental: false,
    model: "v4.5",
    callbackUrl: f.callback_url,
  }),
  instrumental: {
    input: { mode: "custom", title: "Drift", style: "ambient", instrumental: true, model: "v5" },
    body: { action: "generate", model: "chirp-v5", custom: true, instrumental: true, title: "Drift", style: "ambient", async: true },
  },
  extend: {
    sourceModel: "v4.5",
    input: (f, ids) => ({
      mode: "custom",
      lyrics: f.lyric,
      style: f.style,
      instrumental: false,
      model: "v4.5",
      extend: { vendorClipId: ids.vendorClipId, continueAt: 120.5 },
      callbackUrl: f.callback_url,
    }),
    body: (f, ids) => ({ ...f, audio_id: ids.vendorClipId }),
  },
  lyrics: { prompt: loadFixture<Fixture>("sunohub", "lyrics_request").prompt, body: { prompt: loadFixture<Fixture>("sunohub", "lyrics_request").prompt } },
  failure: { reason: "Prompt likely copyrighted", code: "moderation" },
  callbackBody: (id) => ({ success: true, task_id: id }),
  unknownExtend: {
    input: { mode: "custom", lyrics: "x", instrumental: false, model: "v4", extend: { vendorClipId: "nope", continueAt: 5 } },
    error: { code: "bad_request", vendorMessage: "The song id does not exist or has been taken offline." },
  },
  rejectedKeyMessage: "key rejected: invalid token",
  faultIds: ["a", "b"],
  faultIdsStatus: 200,
  submitErrors: [
    ["error_400_bad_request", "bad_request"],
    ["error_403_moderation", "moderation"],
    ["error_403_used_up", "quota"],
    ["error_500_api_error", "vendor_unavailable"],
    ["error_504_timeout", "timeout"],
    ["error_429_too_many_requests", "rate_limited"],
  ],
  vendorMessageOf: (body) => body.error?.message,
  operations: {
    capabilities: ["extend", "cover", "concat", "stems", "upload", "wav", "video", "timedLyrics", "persona"],
    unconfirmed: ["wav", "video", "timedLyrics", "persona"],
    concatBody: (clipId) => ({ ...loadFixture<Fixture>("sunohub", "submit_request_concat"), audio_id: clipId, async: true }),
    concatRoute: "submit",
    cover(source) {
      const f = loadFixture<Fixture>("sunohub", "submit_request_cover");
      return {
        input: { mode: "inspiration", description: f.prompt, instrumental: false, model: "v4.5", cover: source },
        body: { ...f, audio_id: source.vendorClipId, async: true },
      };
    },
    uploadBody: (kind, url) =>
      expect.objectContaining(kind === "extend" ? { action: "upload_extend", audio_url: url, continue_at: 1 } : { action: "upload_cover", audio_url: url }),
    unreadableUpload: "task",
    personaBody: (personaId, clipId) => expect.objectContaining({ action: "artist_consistency", persona_id: personaId, audio_id: clipId }),
  },
};

export const CONTRACT_VENDORS: ContractVendor[] = [newapi, nengyongai, sunohub];
export const contractVendor = (protocol: Protocol) => CONTRACT_VENDORS.find((v) => v.protocol === protocol) as ContractVendor;

/**
 * Starts the vendor's simulator for the enclosing describe block and resets it before
 * each test; the returned object's fields are live once beforeAll has run.
 */
export function useVendorSimulator(vendor: ContractVendor) {
  const ctx = {
    sim: undefined as unknown as Simulator,
    adapter: undefined as unknown as ProviderAdapter,
    config: (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
      id: vendor.protocol,
      name: vendor.protocol,
      protocol: vendor.protocol,
      baseUrl: ctx.sim.url,
      apiKey: ctx.sim.key,
      ...over,
    }),
    lastBody: () => ctx.sim.requests.at(-1)?.body as Record<string, unknown>,
  };
  beforeAll(async () => {
    ctx.sim = await vendor.start({ steps: FAST_STEPS });
    ctx.adapter = createAdapter(ctx.config(), FAST_TIMEOUTS);
  });
  afterAll(() => ctx.sim.stop());
  beforeEach(() => {
    ctx.sim.control.reset();
    ctx.sim.control.setSteps(FAST_STEPS);
  });
  return ctx;
}
