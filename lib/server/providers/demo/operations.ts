// What the operations on existing clips make: the whole song of a chain, the two stems
// of a clip, and the WAV, video and persona of a clip. Each is rebuilt from the source's
// sound in the task id, so the demo stays stateless.
import type { VendorClip, VendorTask } from "../types";
import { demoCoverUrl } from "./assets";
import { clipIdFor, seedOf, type ClipToken } from "./task-codec";
import { artOf, AUDIO_PREFIX, audioSeconds, demoVideoUrl, parseDemoAudioUrl, withPart, type DemoAudio } from "./urls";

const PERSONA_PREFIX = "demo-persona-";

export function concatClips(vendorTaskId: string, token: ClipToken, done: boolean, createdAt: Date): VendorClip[] {
  const audio = sourceAudio(token);
  return [derivedClip(vendorTaskId, 0, token.title ?? "Untitled", AUDIO_PREFIX + token.sound, audio, done, createdAt)];
}

/** Vocals first, then the instrumental, as the adapter contract orders them. */
export function stemClips(vendorTaskId: string, token: ClipToken, done: boolean, createdAt: Date): VendorClip[] {
  const audio = sourceAudio(token);
  const title = token.title ?? "Untitled";
  return [
    derivedClip(vendorTaskId, 0, `${title} - Vocals`, withPart(audio, "vocals"), audio, done, createdAt),
    derivedClip(vendorTaskId, 1, `${title} - Instrumental`, withPart(audio, "instrumental"), audio, done, createdAt),
  ];
}

export function fileResult(token: ClipToken): Pick<VendorTask, "formats" | "persona"> {
  if (token.kind === "wav") return { formats: { wav: AUDIO_PREFIX + token.sound } };
  if (token.kind === "video") return { formats: { video: demoVideoUrl(AUDIO_PREFIX + token.sound) } };
  return { persona: { vendorPersonaId: PERSONA_PREFIX + seedOf(["persona", token.seed, token.nonce]) } };
}

/** The voice a persona sings with: the seed in its id, or for a foreign id a hash of it. */
export function voiceOf(vendorPersonaId: string): string {
  const match = new RegExp(`^${PERSONA_PREFIX}([0-9a-f]{12})$`).exec(vendorPersonaId);
  return match ? match[1] : seedOf(["voice", vendorPersonaId]);
}

function sourceAudio(token: ClipToken): DemoAudio {
  const audio = parseDemoAudioUrl(AUDIO_PREFIX + token.sound);
  // decodeTaskId only lets through tokens whose sound parses.
  if (!audio) throw new Error("a demo task carries a sound it cannot read");
  return audio;
}

function derivedClip(vendorTaskId: string, take: number, title: string, audioUrl: string, source: DemoAudio, done: boolean, createdAt: Date): VendorClip {
  const art = artOf(source);
  const cover = demoCoverUrl(art.seed, art.take, title);
  return {
    vendorClipId: clipIdFor(vendorTaskId, take),
    title,
    lyrics: null,
    style: null,
    model: "unknown",
    vendorModel: "demo",
    duration: done ? audioSeconds(source) : null,
    audioUrl: done ? audioUrl : null,
    streamAudioUrl: done ? null : audioUrl,
    imageUrl: cover,
    imageLargeUrl: cover,
    videoUrl: null,
    state: done ? "succeeded" : "streaming",
    errorMessage: null,
    createdAt,
  };
}
