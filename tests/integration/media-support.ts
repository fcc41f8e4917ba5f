import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { insertUser } from "@/lib/server/data/users";
import { closeDb, getDb } from "@/lib/server/db/client";
import { clips, providers, tasks, type ClipRow, type NewClipRow, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

// Real HTTP servers that play a vendor CDN, and a throwaway database with clips,
// for the media archive tests.

export interface TestServer {
  url: string;
  port: number;
  /** Requests received, by path. */
  hits: string[];
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1, on `port` when given (to bring a stopped server back at the same URL). */
export async function startServer(handler: http.RequestListener, port = 0): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    hits,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with these bytes and this content type. */
export function serveBytes(body: Buffer, contentType: string, status = 200): http.RequestListener {
  return (_req, res) => {
    res.writeHead(status, { "content-type": contentType, "content-length": body.length });
    res.end(body);
  };
}

/**
 * Streams `total` zero bytes without a Content-Length, in 64 KiB chunks, without ever
 * holding more than one chunk; `sent` tells how far it got before the client hung up.
 */
export function streamZeros(total: number, progress: { sent: number; finished: boolean; aborted: boolean }): http.RequestListener {
  const chunk = Buffer.alloc(64 * 1024);
  return (_req, res) => {
    res.writeHead(200, { "content-type": "audio/mpeg" });
    res.on("close", () => {
      if (!res.writableFinished) progress.aborted = true;
    });
    const pump = () => {
      while (progress.sent < total && !res.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - progress.sent));
        progress.sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      if (!res.destroyed) {
        progress.finished = true;
        res.end();
      }
    };
    pump();
  };
}

/** A fresh DATA_DIR and database; `cleanup` closes and deletes both. */
export function openMediaTestDb(vars: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-media-"));
  const saved = { ...process.env };
  closeDb();
  Object.assign(process.env, { DATA_DIR: dataDir, DEMO_PROVIDER: "on", ...vars });
  resetEnvCache();
  getDb();
  return {
    dataDir,
    setAllowedHosts(hosts: string) {
      process.env.MEDIA_ALLOWED_HOSTS = hosts;
      resetEnvCache();
    },
    cleanup() {
      closeDb();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      resetEnvCache();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function seedUser(name = "Ada"): User {
  return insertUser({ email: `${name.toLowerCase()}-${newId()}@example.test`, name, passwordHash: "x" });
}

export function seedProvider(protocol: "newapi" | "demo", baseUrl = ""): string {
  const id = protocol === "demo" ? "demo" : `p-${newId()}`;
  getDb()
    .insert(providers)
    .values({ id, name: protocol, protocol, baseUrl, source: "db" })
    .onConflictDoNothing()
    .run();
  return id;
}

/** A clip (and its task) owned by `owner`; succeeded with the given URLs unless told otherwise. */
export function seedClip(owner: User, providerId: string, values: Partial<NewClipRow> = {}): ClipRow {
  const taskId = newId();
  const db = getDb();
  db.insert(tasks).values({ id: taskId, ownerId: owner.id, providerId, kind: "music", request: {}, status: "succeeded" }).run();
  return db
    .insert(clips)
    .values({ id: newId(), taskId, ownerId: owner.id, providerId, vendorClipId: newId(), title: "Night Drive", state: "succeeded", ...values })
    .returning()
    .get();
}
