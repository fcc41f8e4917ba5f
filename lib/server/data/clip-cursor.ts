import { AppError } from "@/lib/errors";

// The library's keyset position: the last clip shown, as (created_at, id). Opaque to
// callers (base64url), so the ordering can change without breaking stored links; a
// cursor that does not decode is the caller's mistake (400), never a crash.

export interface ClipCursor {
  createdAt: number;
  id: string;
}

export function encodeClipCursor(position: { createdAt: Date | number; id: string }): string {
  const ms = typeof position.createdAt === "number" ? position.createdAt : position.createdAt.getTime();
  return Buffer.from(`${ms}:${position.id}`, "utf8").toString("base64url");
}

export function decodeClipCursor(cursor: string): ClipCursor {
  const invalid = () => new AppError("bad_request", "The cursor is not valid; start from the first page.", { details: { cursor: ["invalid"] } });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw invalid();
  return { createdAt: Number(match[1]), id: match[2] };
}
