import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { concatBodySchema, generationBodySchema } from "@/lib/schemas/generate";
import { getClipRow } from "@/lib/server/data/clips";
import { getDb } from "@/lib/server/db/client";
import { clips, tasks } from "@/lib/server/db/schema";
import { eq } from "drizzle-orm";
import { renderDemoWav } from "@/lib/server/providers/demo/synth";
import { submitGeneration } from "@/lib/server/services/generate";
import { listPersonas, submitClipOperation, submitConcat, submitPersona } from "@/lib/server/services/operations";
import { listProvidersForMembers } from "@/lib/server/services/provider-catalog";
import { setProviderCapabilities } from "@/lib/server/services/providers";
import { retryTask } from "@/lib/server/services/task-history";
import { createUploadFromBytes, serveUploadLink } from "@/lib/server/services/uploads";
import { fieldErrors } from "@/lib/validation";
import { startNewapiSimulator, startSunohubSimulator, type Simulator } from "@/tests/simulators";
import { createUser, openTestDb, type TestDb } from "../support/db";
import { clipsOf, closeOpenTasks, countTasks, fastPoller, mediaOf, pollUntilDone, stopPollers, taskRow } from "./generate-support";

// Every vendor operation through the services, against simulators that speak each
// protocol over real HTTP: what a provider may do is checked before anything is paid
// for, and what it made lands where a person looks for it.

let db: TestDb;
let sims: { newapi: Simulator; sunohub: Simulator };
let linkServer: http.Server;
let appUrl: string;
const owner = () => createUser({ name: "Owner" });
const admin = { role: "admin" as const };

beforeAll(async () => {
  sims = { newapi: await startNewapiSimulator(), sunohub: await startSunohubSimulator() };
  // Stands in for the app's public address: serves the signed upload links the vendor fetches.
  linkServer = http.createServer(async (req, res) => {
    const match = /^\/api\/uploads\/([^/]+)\/([^/]+)\/([^/?]+)$/.exec(req.url ?? "");
    const response = match ? await serveUploadLink(new Request(`http://127.0.0.1${req.url}`), match[1], match[2], match[3]) : null;
    if (!response) return void res.writeHead(404).end();
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => linkServer.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(linkServer.address() as AddressInfo).port}`;
  db = openTestDb({
    DEMO_PROVIDER: "off",
    APP_URL: appUrl,
    NEWAPI_BASE_URL: sims.newapi.url,
    NEWAPI_API_KEY: sims.newapi.key,
    SUNOHUB_BASE_URL: sims.sunohub.url,
    SUNOHUB_API_KEY: sims.sunohub.key,
  });
});
afterEach(async () => {
  await stopPollers();
  testPoller = null;
  closeOpenTasks();
  Object.values(sims).forEach((s) => s.control.reset());
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.stop()));
  linkServer.close();
  db.cleanup();
});

const song = (provider: string, extra: Record<string, unknown> = {}) =>
  generationBodySchema.parse({ provider, mode: "custom", lyrics: "[Verse]\nlights on the water", style: "city pop", title: "Harbour", ...extra });

// One poller per test: a second one would wait for the first one's lease.
let testPoller: ReturnType<typeof fastPoller> | null = null;
const poller = () => (testPoller ??= fastPoller());

async function finished(taskId: string) {
  const task = await pollUntilDone(poller(), taskId);
  expect(task.status, task.errorMessage ?? "").toBe("succeeded");
  return clipsOf(taskId).sort((a, b) => a.position - b.position);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("what a provider may do", () => {
  it("refuses unknown fields instead of making an ordinary song", () => {
    const parsed = generationBodySchema.safeParse({ mode: "inspiration", description: "rain", action: "concat" });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual({ action: ["unknownField"] });
    expect(fieldErrors(concatBodySchema.safeParse({ concat: { clipId: "x", isInfill: true } }).error!)).toEqual({ "concat.isInfill": ["unknownField"] });
  });

  it("lists each provider's operations, with the new-api family's unconfirmed ones off until an admin switches them on", () => {
    const byId = new Map(listProvidersForMembers().map((p) => [p.id, p.capabilities]));
    expect(byId.get("newapi")).toEqual(["extend"]);
    expect(byId.get("sunohub")).toEqual(expect.arrayContaining(["extend", "cover", "concat", "stems", "upload"]));
    expect(byId.get("sunohub")).not.toContain("wav");
    setProviderCapabilities(admin, "newapi", ["cover", "concat"]);
    expect(listProvidersForMembers().find((p) => p.id === "newapi")?.capabilities).toEqual(["extend", "cover", "concat"]);
    setProviderCapabilities(admin, "newapi", []);
  });

  it("answers 400 for an operation the provider lacks, before any task or vendor call", async () => {
    const user = owner();
    const [source] = await finished((await submitGeneration(user, song("newapi"))).task.id);
    const before = { tasks: countTasks(), submits: sims.newapi.control.counts().submit };
    const err = await refusal(submitGeneration(user, song("newapi", { cover: { clipId: source.id } })));
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ capability: "cover" });
    expect(err.message).toMatch(/cannot do "cover"/);
    expect((await refusal(submitClipOperation(user, source.id, "stems"))).status).toBe(400);
    expect({ tasks: countTasks(), submits: sims.newapi.control.counts().submit }).toEqual(before);
  });

  it("covers on the new-api family once an admin switched cover on", async () => {
    const user = owner();
    const [source] = await finished((await submitGeneration(user, song("newapi"))).task.id);
    setProviderCapabilities(admin, "newapi", ["cover"]);
    try {
      const { task } = await submitGeneration(user, song("newapi", { style: "bossa nova", cover: { clipId: source.id } }));
      expect(task.kind).toBe("cover");
      const takes = await finished(task.id);
      expect(takes).toHaveLength(2);
      expect(takes.every((c) => c.parentClipId === source.id)).toBe(true);
      expect(sims.newapi.control.task(taskRow(task.id).vendorTaskId!)?.request).toMatchObject({ cover_clip_id: source.vendorClipId });
    } finally {
      setProviderCapabilities(admin, "newapi", []);
    }
  });
});

describe("sunohub operations", () => {
  it("joins an extension chain into one whole song that lists its segments", async () => {
    const user = owner();
    const [root] = await finished((await submitGeneration(user, song("sunohub"))).task.id);
    const [extension] = await finished((await submitGeneration(user, song("sunohub", { extend: { clipId: root.id } }))).task.id);
    expect((await refusal(submitConcat(user, { concat: { clipId: root.id } }))).message).toMatch(/Only an extension/);

    const { task } = await submitConcat(user, { concat: { clipId: extension.id } });
    expect(task).toMatchObject({ kind: "concat", request: { clipId: extension.id, segments: [root.id, extension.id] } });
    const whole = await finished(task.id);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ segments: [root.id, extension.id], parentClipId: extension.id });
    expect(sims.sunohub.control.task(taskRow(task.id).vendorTaskId!)?.request).toMatchObject({ action: "concat", audio_id: extension.vendorClipId });
  });

  it("splits stems into a vocals clip and an instrumental clip linked to the source", async () => {
    const user = owner();
    const [source] = await finished((await submitGeneration(user, song("sunohub"))).task.id);
    const { task } = await submitClipOperation(user, source.id, "stems");
    const stems = await finished(task.id);
    expect(stems.map((c) => c.title)).toEqual([`${source.title} - Vocals`, `${source.title} - Instrumental`]);
    expect(stems.every((c) => c.parentClipId === source.id && c.state === "succeeded")).toBe(true);
  });

  it("makes a WAV and a video for the clip itself once switched on, queues them for the archive, and refuses a second WAV", async () => {
    const user = owner();
    const [source] = await finished((await submitGeneration(user, song("sunohub"))).task.id);
    expect((await refusal(submitClipOperation(user, source.id, "wav"))).status).toBe(400);
    setProviderCapabilities(admin, "sunohub", ["wav", "video"]);
    try {
      const wav = await submitClipOperation(user, source.id, "wav");
      expect(await finished(wav.task.id)).toEqual([]);
      expect(getClipRow(source.id)?.wavUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(mediaOf(source.id).map((m) => m.kind)).toContain("wav");
      expect((await refusal(submitClipOperation(user, source.id, "wav"))).status).toBe(409);

      const video = await submitClipOperation(user, source.id, "video");
      await finished(video.task.id);
      expect(getClipRow(source.id)?.videoUrl).toBeTruthy();
    } finally {
      setProviderCapabilities(admin, "sunohub", []);
    }
  });

  it("makes a persona the team can list, then sings in its voice", async () => {
    const user = owner();
    const teammate = createUser({ name: "Teammate" });
    const [source] = await finished((await submitGeneration(user, song("sunohub"))).task.id);
    setProviderCapabilities(admin, "sunohub", ["persona"]);
    try {
      const { task } = await submitPersona(user, { clipId: source.id, name: "Warm alto", description: "breathy" });
      await pollUntilDone(poller(), task.id);
      const persona = listPersonas(teammate).find((p) => p.name === "Warm alto");
      expect(persona).toMatchObject({ description: "breathy", providerId: "sunohub", sourceClipId: source.id, owner: { name: "Owner" } });
      // A private source clip stays unnamed to teammates; the persona itself is the team's.
      getDb().update(clips).set({ visibility: "private" }).where(eq(clips.id, source.id)).run();
      expect(listPersonas(teammate).find((p) => p.id === persona!.id)?.sourceClipId).toBeNull();
      expect(listPersonas(user).find((p) => p.id === persona!.id)?.sourceClipId).toBe(source.id);

      const voiced = await submitGeneration(teammate, song("sunohub", { personaId: persona!.id }));
      expect(voiced.task.request).toMatchObject({ personaId: persona!.id });
      await finished(voiced.task.id);
      expect(sims.sunohub.control.task(taskRow(voiced.task.id).vendorTaskId!)?.request).toMatchObject({ persona_id: expect.any(String) });
      expect((await refusal(submitGeneration(user, song("newapi", { personaId: persona!.id })))).details).toEqual({ personaId: ["personaInvalid"] });
    } finally {
      setProviderCapabilities(admin, "sunohub", []);
    }
  });

  it("covers an uploaded file: the vendor fetches it through the signed link", async () => {
    const user = owner();
    const upload = await createUploadFromBytes(user, { bytes: renderDemoWav({ seed: "00aabbccddee", take: 0, seconds: 4 }), name: "voice memo.wav" });
    const { task } = await submitGeneration(user, song("sunohub", { cover: { uploadId: upload.id } }));
    expect(task.request).toMatchObject({ cover: { uploadId: upload.id } });
    const takes = await finished(task.id);
    expect(takes).toHaveLength(2);
    const sent = sims.sunohub.control.task(taskRow(task.id).vendorTaskId!)?.request as { action: string; audio_url: string };
    expect(sent.action).toBe("upload_cover");
    expect(sent.audio_url.startsWith(`${appUrl}/api/uploads/${upload.id}/`)).toBe(true);

    // Someone else's upload is not found to them.
    expect((await refusal(submitGeneration(createUser(), song("sunohub", { cover: { uploadId: upload.id } })))).status).toBe(404);
  });

  it("sends vocal gender, weirdness and style influence only to the models that take them", async () => {
    const user = owner();
    const { task } = await submitGeneration(user, song("sunohub", { model: "v4.5", advanced: { vocalGender: "f", weirdness: 40, styleInfluence: 75 } }));
    expect(task.request).toMatchObject({ advanced: { vocalGender: "f", weirdness: 40, styleInfluence: 75 } });
    expect(sims.sunohub.control.task(taskRow(task.id).vendorTaskId!)?.request).toMatchObject({ vocal_gender: "f", weirdness: 0.4, style_influence: 0.75 });
    const err = await refusal(submitGeneration(user, song("sunohub", { model: "v4", advanced: { weirdness: 40 } })));
    expect(err.details).toEqual({ advanced: ["advancedUnsupported"] });
  });

  it("retries a failed operation with the same request under a new task", async () => {
    const user = owner();
    const [source] = await finished((await submitGeneration(user, song("sunohub"))).task.id);
    sims.sunohub.control.failNextTask("stems separation failed");
    const failed = await submitClipOperation(user, source.id, "stems");
    expect((await pollUntilDone(poller(), failed.task.id)).status).toBe("failed");
    const again = await retryTask(user, failed.task.id);
    expect(again.task).toMatchObject({ kind: "stems", request: { clipId: source.id } });
    expect(again.task.id).not.toBe(failed.task.id);
    expect(await finished(again.task.id)).toHaveLength(2);
    expect(
      getDb()
        .select()
        .from(tasks)
        .all()
        .filter((t) => t.kind === "stems" && t.sourceClipId === source.id),
    ).toHaveLength(2);
  });
});
