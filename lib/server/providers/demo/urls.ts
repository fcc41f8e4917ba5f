// The grammar of the demo's audio and video URLs. A URL names everything the sound is
// made from, so renderDemoAsset can rebuild the file from the URL alone:
//   demo:audio/<seed>-<take>.wav?d=<seconds>&a=<arrangement>&v=<voice>&p=<v|i>
//   demo:audio/join.wav?s=<piece>&c=<seconds kept>&s=<piece>…&s=<last piece, whole>
//   demo:video/clip.mp4?a=<the audio URL after "demo:audio/">
// Parsing is strict (known keys once each, fixed shapes) because these URLs come back
// from the database and the media route, and a bad one must be a null, not a crash.
import { MAX_CLIP_SECONDS, naturalSeconds, type DemoSound } from "./synth";

export const AUDIO_PREFIX = "demo:audio/";
const VIDEO_PREFIX = "demo:video/clip.mp4?a=";
/** Plain sounds are short; joins and videos carry a whole chain. */
const MAX_SOUND_URL = 2048;
const MAX_JOIN_URL = 8192;
/** A whole song joins at most this many segments (the task id must hold them all). */
export const MAX_JOIN_PIECES = 32;

export interface JoinPiece {
  sound: DemoSound;
  /** Seconds kept from the start of the piece. */
  seconds: number;
}
export type DemoAudio = { kind: "sound"; sound: DemoSound } | { kind: "join"; pieces: JoinPiece[] };

const SEED = /^[0-9a-f]{12}$/;
const SECONDS = /^\d{1,3}(?:\.\d{1,2})?$/;
const SOUND_PATH = /^([0-9a-f]{12})-([01])\.wav(?:\?(.*))?$/;
const PARTS = { v: "vocals", i: "instrumental" } as const;

export function demoSoundUrl(sound: DemoSound): string {
  return AUDIO_PREFIX + soundPath(sound);
}

/** `pieces` oldest first; every piece but the last is cut to its `seconds`. */
export function demoJoinUrl(pieces: JoinPiece[]): string {
  const query = pieces.map((piece, i) => `s=${encodeURIComponent(soundPath(piece.sound))}${i < pieces.length - 1 ? `&c=${piece.seconds.toFixed(2)}` : ""}`);
  return `${AUDIO_PREFIX}join.wav?${query.join("&")}`;
}

export function demoVideoUrl(audioUrl: string): string {
  return VIDEO_PREFIX + encodeURIComponent(audioUrl.slice(AUDIO_PREFIX.length));
}

export function parseDemoAudioUrl(url: unknown): DemoAudio | null {
  if (typeof url !== "string" || !url.startsWith(AUDIO_PREFIX)) return null;
  const path = url.slice(AUDIO_PREFIX.length);
  if (path.startsWith("join.wav?")) return url.length <= MAX_JOIN_URL ? parseJoin(path.slice("join.wav?".length)) : null;
  const sound = url.length <= MAX_SOUND_URL ? parseSoundPath(path) : null;
  return sound && { kind: "sound", sound };
}

/** The audio a demo video plays, or null for anything that is not a demo video URL. */
export function parseDemoVideoUrl(url: unknown): DemoAudio | null {
  if (typeof url !== "string" || !url.startsWith(VIDEO_PREFIX) || url.length > MAX_JOIN_URL) return null;
  const inner = decode(url.slice(VIDEO_PREFIX.length));
  return inner === null ? null : parseDemoAudioUrl(AUDIO_PREFIX + inner);
}

export function soundSeconds(sound: DemoSound): number {
  return Math.min(sound.seconds ?? naturalSeconds(sound.seed, sound.arrangement), MAX_CLIP_SECONDS);
}

export function audioSeconds(audio: DemoAudio): number {
  const total = audio.kind === "sound" ? soundSeconds(audio.sound) : audio.pieces.reduce((sum, piece) => sum + piece.seconds, 0);
  return Math.round(total * 100) / 100;
}

/** Which cover art goes with a sound: a cover's own arrangement, else the song's seed. */
export function artOf(audio: DemoAudio): { seed: string; take: number } {
  const sound = audio.kind === "sound" ? audio.sound : audio.pieces[audio.pieces.length - 1].sound;
  return { seed: sound.arrangement ?? sound.seed, take: sound.take };
}

export function withPart(audio: DemoAudio, part: DemoSound["part"]): string {
  if (audio.kind === "sound") return demoSoundUrl({ ...audio.sound, part });
  return demoJoinUrl(audio.pieces.map((piece) => ({ ...piece, sound: { ...piece.sound, part } })));
}

function soundPath(sound: DemoSound): string {
  const query = [
    sound.seconds === undefined ? null : `d=${sound.seconds.toFixed(2)}`,
    sound.arrangement ? `a=${sound.arrangement}` : null,
    sound.voice ? `v=${sound.voice}` : null,
    sound.part ? `p=${sound.part[0]}` : null,
  ].filter(Boolean);
  return `${sound.seed}-${sound.take}.wav${query.length > 0 ? `?${query.join("&")}` : ""}`;
}

function parseSoundPath(path: string): DemoSound | null {
  const match = SOUND_PATH.exec(path);
  if (!match) return null;
  const params = parseQuery(match[3], ["d", "a", "v", "p"]);
  if (!params) return null;
  const sound: DemoSound = { seed: match[1], take: Number(match[2]) };
  const { d, a, v, p } = Object.fromEntries(params);
  if (d !== undefined) {
    const seconds = SECONDS.test(d) ? Number(d) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_CLIP_SECONDS)) return null;
    sound.seconds = seconds;
  }
  if (a !== undefined && !SEED.test(a)) return null;
  if (v !== undefined && !SEED.test(v)) return null;
  if (p !== undefined && p !== "v" && p !== "i") return null;
  if (a) sound.arrangement = a;
  if (v) sound.voice = v;
  if (p) sound.part = PARTS[p as keyof typeof PARTS];
  return sound;
}

function parseJoin(query: string): DemoAudio | null {
  const params = parseQuery(query, ["s", "c"], true);
  if (!params || params.length === 0) return null;
  const pieces: JoinPiece[] = [];
  for (let i = 0; i < params.length; i++) {
    const [key, value] = params[i];
    if (key !== "s") return null;
    const path = decode(value);
    const sound = path === null ? null : parseSoundPath(path);
    if (!sound) return null;
    const cut = params[i + 1]?.[0] === "c" ? params[++i][1] : undefined;
    const whole = soundSeconds(sound);
    const last = i === params.length - 1;
    if (last !== (cut === undefined)) return null;
    const seconds = cut === undefined ? whole : SECONDS.test(cut) ? Number(cut) : NaN;
    if (!(seconds > 0 && seconds <= whole)) return null;
    pieces.push({ sound, seconds });
  }
  return pieces.length <= MAX_JOIN_PIECES ? { kind: "join", pieces } : null;
}

/** `k=v&…` with only the given keys, each at most once unless `repeats`; null otherwise. */
function parseQuery(query: string | undefined, keys: string[], repeats = false): [string, string][] | null {
  if (query === undefined) return [];
  const seen = new Set<string>();
  const params: [string, string][] = [];
  for (const pair of query.split("&")) {
    const match = /^([a-z])=([^=]*)$/.exec(pair);
    if (!match || !keys.includes(match[1]) || (!repeats && seen.has(match[1]))) return null;
    seen.add(match[1]);
    params.push([match[1], match[2]]);
  }
  return params;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
