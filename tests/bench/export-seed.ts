import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { insertUser } from "@/lib/server/data/users";
import { closeDb, getDb } from "@/lib/server/db/client";
import { clips, mediaFiles, providers, tasks } from "@/lib/server/db/schema";
import { newId, sha256Hex } from "@/lib/server/ids";
import { absoluteMediaPath, relativeMediaPath } from "@/lib/server/media/storage";
import { createApiToken } from "@/lib/server/services/api-tokens";

// The export bench's library: one member with `count` finished clips, each with its
// audio (a real MP3) and cover archived on disk exactly where the archive would put
// them. The files are hard links to one MP3 and one cover, so 10,000 songs cost two
// files of disk while the export still opens, reads and tags each one.

const COVER = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), crypto.randomBytes(40 * 1024)]);
const LYRICS = Array.from({ length: 24 }, (_, i) => `Line ${i + 1} of a song that goes on for a while`).join("\n");

export interface ExportLibrary {
  token: string;
  count: number;
  audioBytes: number;
}

export function seedExportLibrary(dataDir: string, count: number, seconds = 3): ExportLibrary {
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  const db = getDb();
  try {
    const user = insertUser({ email: "exporter@bench.test", name: "Bench Exporter", passwordHash: "not-a-real-hash", role: "member" });
    db.insert(providers).values({ id: "bench-relay", name: "Bench relay", protocol: "newapi", baseUrl: "", source: "db" }).run();
    const shared = path.join(dataDir, "media", ".bench");
    fs.mkdirSync(shared, { recursive: true });
    // The MP3 script of the e2e tests: lamejs's encoder loads only as ESM, and the bench runs as CommonJS under tsx.
    execFileSync(path.join("node_modules", ".bin", "tsx"), ["tests/support/make-mp3.mts", path.join(shared, "audio.mp3"), String(seconds)]);
    const mp3 = fs.readFileSync(path.join(shared, "audio.mp3"));
    fs.writeFileSync(path.join(shared, "cover.png"), COVER);
    const start = Date.parse("2026-01-01T00:00:00Z");
    const sums = { audio: sha256Hex(mp3), image: sha256Hex(COVER) };
    db.transaction((tx) => {
      for (let i = 0; i < count; i++) {
        const clipId = newId();
        const taskId = newId();
        const createdAt = new Date(start + i * 60_000);
        tx.insert(tasks).values({ id: taskId, ownerId: user.id, providerId: "bench-relay", kind: "music", request: {}, status: "succeeded", createdAt }).run();
        tx.insert(clips)
          .values({
            id: clipId,
            taskId,
            ownerId: user.id,
            providerId: "bench-relay",
            vendorClipId: clipId,
            title: `Bench Song ${i + 1}`,
            style: "bench pop",
            lyrics: LYRICS,
            duration: seconds,
            state: "succeeded",
            audioUrl: `https://cdn.example.com/${clipId}.mp3`,
            imageUrl: `https://cdn.example.com/${clipId}.png`,
            timedLyrics: i % 10 === 0 ? [{ text: "Line 1", start: 0.5, end: 2 }] : null,
            createdAt,
          })
          .run();
        for (const [kind, ext, file, type, body] of [
          ["audio", "mp3", "audio.mp3", "audio/mpeg", mp3],
          ["image", "png", "cover.png", "image/png", COVER],
        ] as const) {
          const relative = relativeMediaPath(clipId, kind === "image" ? "cover" : "audio", ext);
          fs.mkdirSync(path.dirname(absoluteMediaPath(relative)), { recursive: true });
          fs.linkSync(path.join(shared, file), absoluteMediaPath(relative));
          tx.insert(mediaFiles)
            .values({
              id: newId(),
              clipId,
              kind,
              sourceUrl: `https://cdn.example.com/${clipId}.${ext}`,
              status: "archived",
              path: relative,
              contentType: type,
              size: body.length,
              sha256: sums[kind],
              archivedAt: createdAt,
            })
            .run();
        }
      }
    });
    const { token } = createApiToken(user.id, { name: "bench", readOnly: true });
    return { token, count, audioBytes: mp3.length };
  } finally {
    closeDb();
  }
}
