// The demo keeps no state: everything fetchTasks needs travels inside the vendor task
// id, so tasks survive restarts and several server processes agree without a store.
// The id is `demo_` + base64url(deflate(JSON)). Long texts are capped (the id is an
// indexed column); the seed is a hash of the whole request, so the music and cover
// still depend on every character even when the stored text is cut.
import crypto from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { z } from "zod";
import { MODEL_IDS, type ModelId } from "@/lib/models";
import { isUploadSource, type SubmitMusicInput } from "../types";
import { AUDIO_PREFIX, parseDemoAudioUrl } from "./urls";

const PREFIX = "demo_";
const MAX_ID_LENGTH = 4096;
/** Stored text caps, in characters. Lyrics get the most room because custom lyrics are shown verbatim. */
export const TEXT_CAPS = { title: 100, style: 200, description: 200, lyrics: 1000, prompt: 200 } as const;

interface TokenBase {
  submittedAt: number;
  /** 12 hex digits of a hash of the request: drives audio, cover and generated words. */
  seed: string;
  /** Random per submission, so the same prompt twice in one millisecond still gets two tasks. */
  nonce: string;
}
export interface LyricsToken extends TokenBase {
  kind: "lyrics";
  prompt: string;
}
export interface MusicToken extends TokenBase {
  kind: "music" | "extend" | "cover";
  mode: "inspiration" | "custom";
  model: ModelId;
  instrumental: boolean;
  title: string | null;
  style: string | null;
  /** Inspiration: the description; custom: the lyrics (absent when instrumental). */
  text: string | null;
  continueAt: number | null;
  /** Cover: the sound being re-arranged, as its URL after `demo:audio/`. */
  source: string | null;
  /** Extend and cover: the source's title, for when the request names none. */
  sourceTitle: string | null;
  /** Persona: the seed of the voice the lead sings with. */
  voice: string | null;
}
/** Operations on one clip (or, for concat, on a chain): everything they need is its sound. */
export interface ClipToken extends TokenBase {
  kind: "concat" | "stems" | "wav" | "video" | "persona";
  /** The source's sound (concat: the joined chain), as its URL after `demo:audio/`. */
  sound: string;
  title: string | null;
}
export type DemoToken = LyricsToken | MusicToken | ClipToken;

const KIND_CODES = { music: "m", extend: "e", cover: "c", lyrics: "l", concat: "j", stems: "s", wav: "w", video: "v", persona: "p" } as const;
const KINDS_BY_CODE = Object.fromEntries(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind])) as Record<string, DemoToken["kind"]>;

// The inflated JSON is already bounded (maxOutputLength), so fields need no own limits.
const wireSchema = z.object({
  k: z.enum(Object.values(KIND_CODES) as [string, ...string[]]),
  t: z.number().int().nonnegative(),
  s: z.string().regex(/^[0-9a-f]{12}$/),
  n: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
  m: z.enum(["i", "c"]).optional(),
  md: z.enum(MODEL_IDS).optional(),
  i: z.literal(1).optional(),
  ti: z.string().optional(),
  st: z.string().optional(),
  x: z.string().optional(),
  ca: z.number().nonnegative().optional(),
  so: z.string().optional(),
  sn: z.string().optional(),
  vo: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .optional(),
});

/** `source`: the sound a cover re-arranges; `voice`: the persona's voice seed. Both decided by the adapter. */
export function musicToken(input: SubmitMusicInput, submittedAt: number, extra: { source?: string; voice?: string } = {}): MusicToken {
  const custom = input.mode === "custom";
  const text = custom ? (input.instrumental ? "" : (input.lyrics ?? "")) : (input.description ?? "");
  const origin = input.extend ?? input.cover;
  const originTitle = origin && (isUploadSource(origin) ? origin.upload.title : origin.title);
  return {
    kind: input.extend ? "extend" : input.cover ? "cover" : "music",
    submittedAt,
    seed: seedOf([
      "music",
      input.mode,
      input.description,
      input.lyrics,
      input.title,
      input.style,
      input.negativeStyle,
      input.instrumental,
      input.model,
      input.extend && !isUploadSource(input.extend) ? input.extend.vendorClipId : input.extend?.upload.uploadId,
      input.extend?.continueAt,
      // Only present when used, so a plain request keeps the seed it always had.
      ...(input.cover ? [isUploadSource(input.cover) ? `upload:${input.cover.upload.uploadId}` : input.cover.vendorClipId] : []),
      ...(input.persona ? [`persona:${input.persona.vendorPersonaId}`] : []),
      ...(input.advanced ? [input.advanced] : []),
    ]),
    nonce: nonce(),
    mode: input.mode,
    model: input.model,
    instrumental: input.instrumental,
    title: custom ? nonEmpty(cap(input.title ?? "", TEXT_CAPS.title)) : null,
    style: custom ? nonEmpty(cap(input.style ?? "", TEXT_CAPS.style)) : null,
    text: nonEmpty(cap(text, custom ? TEXT_CAPS.lyrics : TEXT_CAPS.description)),
    continueAt: input.extend ? Math.max(0, Number.isFinite(input.extend.continueAt) ? input.extend.continueAt : 0) : null,
    source: extra.source ?? null,
    sourceTitle: nonEmpty(cap(originTitle ?? "", TEXT_CAPS.title)),
    voice: extra.voice ?? null,
  };
}

/** `sound` is the source's demo audio URL after `demo:audio/`; `key` names the source for the seed. */
export function clipToken(kind: ClipToken["kind"], sound: string, title: string | null | undefined, key: string, submittedAt: number): ClipToken {
  return { kind, submittedAt, seed: seedOf([kind, key, sound]), nonce: nonce(), sound, title: nonEmpty(cap(title ?? "", TEXT_CAPS.title)) };
}

export function lyricsToken(prompt: string, submittedAt: number): LyricsToken {
  return {
    kind: "lyrics",
    submittedAt,
    seed: seedOf(["lyrics", prompt]),
    nonce: nonce(),
    prompt: cap(prompt, TEXT_CAPS.prompt),
  };
}

export function encodeTaskId(token: DemoToken): string {
  const base = { k: KIND_CODES[token.kind], t: token.submittedAt, s: token.seed, n: token.nonce };
  let wire: object;
  if (token.kind === "lyrics") wire = { ...base, x: token.prompt };
  else if (!("mode" in token)) wire = { ...base, so: token.sound, ti: token.title ?? undefined };
  else {
    wire = {
      ...base,
      m: token.mode === "custom" ? "c" : "i",
      md: token.model,
      i: token.instrumental ? 1 : undefined,
      ti: token.title ?? undefined,
      st: token.style ?? undefined,
      x: token.text ?? undefined,
      ca: token.continueAt ?? undefined,
      so: token.source ?? undefined,
      sn: token.sourceTitle ?? undefined,
      vo: token.voice ?? undefined,
    };
  }
  return PREFIX + deflateRawSync(JSON.stringify(wire)).toString("base64url");
}

/** The token inside a demo task id, or null for anything this provider did not issue. */
export function decodeTaskId(id: unknown): DemoToken | null {
  if (typeof id !== "string" || !id.startsWith(PREFIX) || id.length > MAX_ID_LENGTH) return null;
  const body = id.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
  let parsed: z.infer<typeof wireSchema>;
  try {
    const json = inflateRawSync(Buffer.from(body, "base64url"), { maxOutputLength: 16 * 1024 }).toString("utf8");
    const result = wireSchema.safeParse(JSON.parse(json));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const kind = KINDS_BY_CODE[parsed.k];
  const base = { submittedAt: parsed.t, seed: parsed.s, nonce: parsed.n };
  if (kind === "lyrics") return { ...base, kind, prompt: parsed.x ?? "" };
  if (kind === "concat" || kind === "stems" || kind === "wav" || kind === "video" || kind === "persona") {
    const sound = parsed.so;
    return sound !== undefined && readableSound(sound) ? { ...base, kind, sound, title: parsed.ti ?? null } : null;
  }
  if (!parsed.m || !parsed.md || (kind === "cover" && !readableSound(parsed.so))) return null;
  return {
    ...base,
    kind,
    mode: parsed.m === "c" ? "custom" : "inspiration",
    model: parsed.md,
    instrumental: parsed.i === 1,
    title: parsed.ti ?? null,
    style: parsed.st ?? null,
    text: parsed.x ?? null,
    continueAt: kind === "extend" ? (parsed.ca ?? 0) : null,
    source: parsed.so ?? null,
    sourceTitle: parsed.sn ?? null,
    voice: parsed.vo ?? null,
  };
}

/** `<hash of the task id>-<take>`: stable for a task, distinct across submissions. */
export function clipIdFor(vendorTaskId: string, take: number): string {
  return `${crypto.createHash("sha256").update(vendorTaskId).digest("hex").slice(0, 16)}-${take}`;
}

/** Operations rebuild their sound from the id, so an id whose sound does not parse is not ours. */
function readableSound(sound: string | undefined): boolean {
  return sound !== undefined && parseDemoAudioUrl(AUDIO_PREFIX + sound) !== null;
}

function nonce(): string {
  return crypto.randomBytes(6).toString("base64url");
}

export function seedOf(parts: unknown[]): string {
  return crypto.createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 12);
}

/** Cuts at a code point boundary and marks the cut, so stored text never ends mid-character. */
function cap(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}

function nonEmpty(text: string): string | null {
  return text.trim() === "" ? null : text;
}
