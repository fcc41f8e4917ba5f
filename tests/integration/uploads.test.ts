import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { renderDemoWav } from "@/lib/server/providers/demo/synth";
import {
  createUploadFromBytes,
  openSignedUpload,
  serveUploadLink,
  signedUploadUrl,
  sniffAudioType,
  uploadAvailability,
  uploadSourceFor,
  UPLOAD_LINK_TTL_MS,
} from "@/lib/server/services/uploads";
import { createUser, openTestDb, type TestDb } from "../support/db";

// Uploads: the bytes decide what a file is, the file is kept privately, and the vendor
// reaches it only through a signed link that stops working when it expires or is altered.

const MP3_FRAME = Buffer.from([0xff, 0xfb, 0x90, 0x64, ...new Array(413).fill(0)]);

let db: TestDb;
beforeEach(() => {
  db = openTestDb({ APP_URL: "https://songs.example.test" });
});
afterEach(() => db.cleanup());

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return err instanceof AppError ? `${err.code}:${JSON.stringify(err.details)}` : String(err);
  }
  return undefined;
}

describe("uploads", () => {
  it("tells MP3 and WAV from their bytes, not their names", () => {
    expect(sniffAudioType(renderDemoWav({ seed: "00aabbccddee", take: 0, seconds: 2 }))).toBe("audio/wav");
    expect(sniffAudioType(Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00"), MP3_FRAME]))).toBe("audio/mpeg");
    expect(sniffAudioType(MP3_FRAME)).toBe("audio/mpeg");
    expect(sniffAudioType(Buffer.from("<html><body>not audio</body></html>"))).toBeNull();
    expect(sniffAudioType(Buffer.from("%PDF-1.7 renamed.mp3"))).toBeNull();
  });

  it("keeps a WAV with its length and title, privately, and refuses a renamed HTML page or a file over 20 MiB", async () => {
    const owner = createUser();
    const upload = await createUploadFromBytes(owner, { bytes: renderDemoWav({ seed: "00aabbccddee", take: 0, seconds: 3 }), name: "My demo take.wav" });
    expect(upload).toMatchObject({ title: "My demo take", contentType: "audio/wav" });
    expect(upload.duration).toBeCloseTo(3, 0);
    const stored = path.join(db.dataDir, "uploads", `${upload.id}.wav`);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);

    expect(await codeOf(createUploadFromBytes(owner, { bytes: Buffer.from("<html>hi</html>"), name: "song.mp3" }))).toBe('validation:{"file":["uploadNotAudio"]}');
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    big.set(MP3_FRAME);
    expect(await codeOf(createUploadFromBytes(owner, { bytes: big, name: "big.mp3" }))).toBe('payload_too_large:{"file":["uploadTooLarge"]}');
  });

  it("serves the file through a signed link with Range, and nothing through an altered or expired one", async () => {
    const owner = createUser();
    const upload = await createUploadFromBytes(owner, { bytes: renderDemoWav({ seed: "00aabbccddee", take: 1, seconds: 2 }), name: "x.wav" });
    const link = signedUploadUrl(upload.id)!;
    expect(link.startsWith(`https://songs.example.test/api/uploads/${upload.id}/`)).toBe(true);
    const [, , , , , id, expires, signature] = link.split("/");

    const ranged = await serveUploadLink(new Request(link, { headers: { range: "bytes=0-11" } }), id, expires, signature);
    expect(ranged?.status).toBe(206);
    expect(Buffer.from(await ranged!.arrayBuffer()).toString("latin1", 0, 4)).toBe("RIFF");

    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    expect(openSignedUpload(id, expires, flipped)).toBeNull();
    expect(openSignedUpload(id, String(Number(expires) + 60), signature)).toBeNull();
    expect(openSignedUpload(id, expires, signature, Date.now() + UPLOAD_LINK_TTL_MS + 60_000)).toBeNull();
  });

  it("lets only the owner use an upload, and explains that uploads need APP_URL", async () => {
    const owner = createUser();
    const other = createUser();
    const upload = await createUploadFromBytes(owner, { bytes: renderDemoWav({ seed: "00aabbccddee", take: 0, seconds: 2 }), name: "x.wav" });
    expect(uploadSourceFor(owner, upload.id).audioUrl).toContain(`/api/uploads/${upload.id}/`);
    expect(() => uploadSourceFor(other, upload.id)).toThrow(/Upload not found/);

    db.setEnv({});
    expect(uploadAvailability()).toBe("needsAppUrl");
    expect(() => uploadSourceFor(owner, upload.id)).toThrow(/APP_URL/);
  });
});
