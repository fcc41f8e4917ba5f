import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/support/db";
import { absoluteMediaPath, commitMediaFile, mediaRoot, mediaTempDir, relativeMediaPath, removeClipMediaDir, removeStaleTempFiles } from "./storage";

let db: TestDb;

beforeAll(() => {
  db = openTestDb();
});
afterAll(() => db.cleanup());

describe("media storage", () => {
  it("lays files out as <first two characters>/<clip id>/<kind>.<ext>", () => {
    expect(relativeMediaPath("Ab3xYz", "audio", "mp3")).toBe(path.join("Ab", "Ab3xYz", "audio.mp3"));
    expect(absoluteMediaPath("Ab/Ab3xYz/cover.png")).toBe(path.join(db.dataDir, "media", "Ab", "Ab3xYz", "cover.png"));
  });

  it("refuses ids, extensions and paths that could leave the archive", () => {
    expect(() => relativeMediaPath("../etc", "audio", "mp3")).toThrow();
    expect(() => relativeMediaPath("a/b", "audio", "mp3")).toThrow();
    expect(() => relativeMediaPath("abcd", "audio", "mp3/../../x")).toThrow();
    expect(() => absoluteMediaPath("../songloft.db")).toThrow();
    expect(() => absoluteMediaPath("/etc/passwd")).toThrow();
  });

  it("moves a finished download into place and removes a clip's folder", async () => {
    fs.mkdirSync(mediaTempDir(), { recursive: true });
    const temp = path.join(mediaTempDir(), "x.part");
    fs.writeFileSync(temp, "bytes");
    await commitMediaFile(temp, relativeMediaPath("clip01", "audio", "mp3"));
    expect(fs.readFileSync(path.join(mediaRoot(), "cl", "clip01", "audio.mp3"), "utf8")).toBe("bytes");
    expect(fs.existsSync(temp)).toBe(false);
    removeClipMediaDir("clip01");
    expect(fs.existsSync(path.join(mediaRoot(), "cl", "clip01"))).toBe(false);
  });

  it("sweeps partial downloads a crash left behind, and only old ones", async () => {
    fs.mkdirSync(mediaTempDir(), { recursive: true });
    const stale = path.join(mediaTempDir(), "stale.part");
    const fresh = path.join(mediaTempDir(), "fresh.part");
    fs.writeFileSync(stale, "");
    fs.writeFileSync(fresh, "");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    expect(await removeStaleTempFiles(3600_000)).toBe(1);
    expect(fs.readdirSync(mediaTempDir())).toEqual(["fresh.part"]);
  });
});
