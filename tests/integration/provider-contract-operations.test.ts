import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Capability, ProviderAdapter, SubmitResult, UploadSource, VendorSource, VendorTask } from "@/lib/server/providers/types";
import { makeWav } from "@/tests/simulators/media";
import { CONTRACT_VENDORS, useVendorSimulator } from "./provider-contract-vendors";
import { expectMedia, pollUntil, startCallbackReceiver, vendorError } from "./providers-support";

// Every operation each relay adapter declares, against its simulator over real HTTP:
// whole song, cover, upload (fetched by the vendor from a signed link, as the app serves
// it), stems, WAV, video, timed lyrics and personas. The wire shapes per protocol live
// in provider-contract-vendors.ts (`operations`).

const LYRICS = "[Verse]\nRain on neon\nLights in the water\n\n[Chorus]\nHold on tight";
const LINES = ["Rain on neon", "Lights in the water", "Hold on tight"];

/** The adapter method each capability needs. */
const METHOD: Record<Capability, keyof ProviderAdapter> = {
  extend: "submitMusic",
  cover: "submitMusic",
  upload: "submitMusic",
  concat: "submitConcat",
  stems: "submitStems",
  wav: "submitWav",
  video: "submitVideo",
  timedLyrics: "fetchTimedLyrics",
  persona: "submitPersona",
};

/** A file server standing in for the app's signed, expiring upload links. */
async function startUploadHost() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url?.startsWith("/uploads/expired")) return void res.writeHead(403, { "Content-Type": "text/plain" }).end("link expired");
    const body = makeWav("upload", 1);
    res.writeHead(200, { "Content-Type": "audio/wav", "Content-Length": String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const upload = (name: string): UploadSource => ({ audioUrl: `${base}/uploads/${name}.wav?expires=1&sig=abc`, uploadId: name, duration: 1, title: "Demo take" });
  return { hits, upload, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** A submit's finished task: the one it answered with, or the one polling reaches. */
async function finished(adapter: ProviderAdapter, result: SubmitResult): Promise<VendorTask> {
  return result.task ?? (await pollUntil(adapter, result.vendorTaskId)).task;
}

describe.each(CONTRACT_VENDORS)("$protocol adapter ↔ simulator: vendor operations", (vendor) => {
  const v = useVendorSimulator(vendor);
  const ops = vendor.operations;
  let uploads: Awaited<ReturnType<typeof startUploadHost>>;
  beforeAll(async () => void (uploads = await startUploadHost()));
  afterAll(() => uploads.stop());

  /** A finished song with lyrics, as a source for the operations. */
  async function song(instrumental = false): Promise<VendorSource & { lyrics: string | null }> {
    const model = vendor.extend.sourceModel;
    const input = instrumental
      ? { mode: "custom" as const, style: "ambient", title: "Drift", instrumental: true, model }
      : { mode: "custom" as const, lyrics: LYRICS, style: "synthpop", title: "Neon", instrumental: false, model };
    const { vendorTaskId } = await v.adapter.submitMusic(input);
    const { task } = await pollUntil(v.adapter, vendorTaskId);
    expect(task.status).toBe("succeeded");
    const clip = task.clips[0];
    return { vendorClipId: clip.vendorClipId, vendorTaskId, title: clip.title, lyrics: clip.lyrics };
  }

  it("declares its capabilities, each with the method it needs; the unconfirmed ones are among them", () => {
    expect(v.adapter.capabilities).toEqual(ops.capabilities);
    expect(v.adapter.unconfirmedCapabilities).toEqual(ops.unconfirmed);
    for (const capability of v.adapter.capabilities) expect(typeof v.adapter[METHOD[capability]], capability).toBe("function");
    for (const capability of v.adapter.unconfirmedCapabilities ?? []) expect(v.adapter.capabilities).toContain(capability);
  });

  it("whole song: an extension's chain becomes one clip", async () => {
    const first = await song();
    const ext = await v.adapter.submitMusic({
      mode: "custom",
      lyrics: "[Verse 2]\nStill the lights",
      instrumental: false,
      model: vendor.extend.sourceModel,
      extend: { ...first, continueAt: 1 },
    });
    const last = (await pollUntil(v.adapter, ext.vendorTaskId)).task.clips[0];
    const source = { vendorClipId: last.vendorClipId, vendorTaskId: ext.vendorTaskId, title: last.title };
    const result = await v.adapter.submitConcat!({
      source,
      segments: [
        { ...first, continueAt: null },
        { ...source, continueAt: 1 },
      ],
    });
    expect(v.lastBody()).toEqual(ops.concatBody(last.vendorClipId));
    const task = await finished(v.adapter, result);
    expect(task.status).toBe("succeeded");
    expect(task.clips).toHaveLength(1);
    expect(task.clips[0].lyrics).toContain("Still the lights");
    await expectMedia(task.clips[0].audioUrl, "audio");
  });

  it("cover of a clip sends the cover request and makes new clips", async () => {
    const source = await song();
    const { input, body } = ops.cover(source);
    const result = await v.adapter.submitMusic(input);
    expect(v.lastBody()).toEqual(body);
    const task = await finished(v.adapter, result);
    expect(task.status).toBe("succeeded");
    expect(task.clips.length).toBeGreaterThan(0);
    await expectMedia(task.clips[0].audioUrl, "audio");
  });

  it.each(["extend", "cover"] as const)("%s of an upload: the vendor fetches the signed link first", async (kind) => {
    const upload = uploads.upload(`take-${kind}`);
    const before = uploads.hits.length;
    const input =
      kind === "extend"
        ? { mode: "custom" as const, lyrics: "[Verse]\nOver my demo", instrumental: false, model: vendor.extend.sourceModel, extend: { upload, continueAt: 1 } }
        : { mode: "custom" as const, lyrics: "[Verse]\nA new coat", style: "jazz", instrumental: false, model: vendor.extend.sourceModel, cover: { upload } };
    const result = await v.adapter.submitMusic(input);
    expect(uploads.hits.length).toBeGreaterThan(before);
    expect(v.lastBody()).toEqual(ops.uploadBody(kind, upload.audioUrl));
    const task = await finished(v.adapter, result);
    expect(task.status).toBe("succeeded");
    await expectMedia(task.clips[0].audioUrl, "audio");
  });

  it("an upload link the vendor cannot read fails with the reason, never as a song", async () => {
    const input = { mode: "custom" as const, lyrics: "x", instrumental: false, model: vendor.extend.sourceModel, extend: { upload: uploads.upload("expired"), continueAt: 1 } };
    if (ops.unreadableUpload === "submit") {
      const err = await vendorError(v.adapter.submitMusic(input));
      expect(err).toMatchObject({ code: "bad_request" });
      expect(err.vendorMessage).toContain("HTTP 403");
      expect(v.sim.control.counts().submit).toBe(0);
    } else {
      const task = await finished(v.adapter, await v.adapter.submitMusic(input));
      expect(task.status).toBe("failed");
      expect(task.error?.message).toContain("HTTP 403");
    }
  });

  it("stems: two clips, vocals first, then the instrumental", async () => {
    const source = await song();
    const task = await finished(v.adapter, await v.adapter.submitStems!({ source }));
    expect(task.status).toBe("succeeded");
    expect(task.clips.map((c) => c.title)).toEqual([`${source.title} - Vocals`, `${source.title} - Instrumental`]);
    for (const clip of task.clips) await expectMedia(clip.audioUrl, "audio");
  });

  it("WAV and video: the task carries the files, which are served", async () => {
    const source = await song();
    const wav = await finished(v.adapter, await v.adapter.submitWav!({ source }));
    expect(wav).toMatchObject({ status: "succeeded", clips: [] });
    await expectMedia(wav.formats?.wav ?? null, "audio");
    const video = await finished(v.adapter, await v.adapter.submitVideo!({ source }));
    expect(video).toMatchObject({ status: "succeeded", clips: [] });
    const res = await fetch(video.formats?.video ?? "");
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(4, 8)
        .toString("ascii"),
    ).toBe("ftyp");
  });

  it("WAV with a callback URL: a task id at once, the file once the task is done", async () => {
    const source = await song();
    const receiver = await startCallbackReceiver();
    try {
      const result = await v.adapter.submitWav!({ source, callbackUrl: receiver.url });
      expect(result.task).toBeUndefined();
      const { task } = await pollUntil(v.adapter, result.vendorTaskId);
      expect(task).toMatchObject({ status: "succeeded", clips: [] });
      await expectMedia(task.formats?.wav ?? null, "audio");
    } finally {
      await receiver.stop();
    }
  });

  it("timed lyrics: the lyric lines in order with their times; none for an instrumental", async () => {
    const lines = await v.adapter.fetchTimedLyrics!(await song());
    expect(lines?.map((l) => l.text)).toEqual(LINES);
    for (const [i, line] of (lines ?? []).entries()) {
      expect(line.end).toBeGreaterThan(line.start);
      if (i > 0) expect(line.start).toBeGreaterThanOrEqual(lines![i - 1].end);
    }
    expect(await v.adapter.fetchTimedLyrics!(await song(true))).toBeNull();
  });

  it("persona: made from a clip, then a song in its voice", async () => {
    const source = await song();
    const made = await finished(v.adapter, await v.adapter.submitPersona!({ source, name: "Neon voice", description: "warm, breathy" }));
    const personaId = made.persona?.vendorPersonaId;
    expect(personaId).toBeTruthy();
    const result = await v.adapter.submitMusic({ mode: "custom", lyrics: LYRICS, instrumental: false, model: "v4", persona: { vendorPersonaId: personaId!, source } });
    expect(v.lastBody()).toEqual(ops.personaBody(personaId!, source.vendorClipId));
    expect((await finished(v.adapter, result)).status).toBe("succeeded");
  });

  it("a refused operation is the vendor's error, and a fault on its route is handled like any other", async () => {
    const unknown = { vendorClipId: "no-such-clip", vendorTaskId: "no-such-task", title: null };
    expect(await vendorError(v.adapter.submitConcat!({ source: unknown, segments: [] }))).toMatchObject({ code: "bad_request" });
    const source = await song();
    v.sim.control.inject(ops.concatRoute, { kind: "rate-limit", retryAfter: 7 });
    expect(await vendorError(v.adapter.submitConcat!({ source, segments: [] }))).toMatchObject({ code: "rate_limited", retryAfter: 7 });
  });
});
