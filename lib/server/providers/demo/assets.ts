// Demo media lives behind an internal `demo:` scheme instead of a server: the media
// archiver hands these URLs to renderDemoAsset, which rebuilds the file from the URL
// alone (seed, take, length, title…), so nothing is stored until the archiver stores it.
import type { LocalAsset } from "../types";
import { COVER_TITLE_MAX, renderDemoCover } from "./cover";
import { renderDemoSound, SAMPLE_RATE } from "./synth";
import { demoSoundUrl, parseDemoAudioUrl, parseDemoVideoUrl, type DemoAudio } from "./urls";
import { renderDemoVideo } from "./video";
import { encodeWav } from "./wav";

export type DemoAsset = LocalAsset;

const MAX_COVER_URL = 2048;
const COVER_URL = /^demo:cover\/([0-9a-f]{12})-([01])\.svg(?:\?t=([^#?]*))?$/;
/**
 * A video takes seconds to make (mostly the MP3), and a player asks for it in several
 * Range requests before the archive has a copy, so the last few stay at hand.
 */
const RECENT_VIDEOS = 2;
const recentVideos = new Map<string, Buffer>();
/** Each joined piece but the last ends with this fade, so a cut mid-note does not click. */
const JOIN_FADE_SECONDS = 0.02;

/** A plain clip's audio: the song of `seed` as take `take`, `seconds` long. */
export function demoAudioUrl(seed: string, take: number, seconds: number): string {
  return demoSoundUrl({ seed, take, seconds });
}

export function demoCoverUrl(seed: string, take: number, title: string): string {
  return `demo:cover/${seed}-${take}.svg?t=${encodeURIComponent([...title.toWellFormed()].slice(0, COVER_TITLE_MAX + 1).join(""))}`;
}

/** The file behind a `demo:` URL, or null for anything else; never throws. */
export function renderDemoAsset(url: string): DemoAsset | null {
  const audio = parseDemoAudioUrl(url);
  if (audio) return { contentType: "audio/wav", body: encodeWav(renderDemoAudio(audio), SAMPLE_RATE), fileExt: "wav" };
  const video = parseDemoVideoUrl(url);
  if (video) return { contentType: "video/mp4", body: videoFor(url, video), fileExt: "mp4" };
  const cover = typeof url === "string" && url.length <= MAX_COVER_URL ? COVER_URL.exec(url) : null;
  if (cover) {
    let title: string;
    try {
      title = decodeURIComponent(cover[3] ?? "");
    } catch {
      return null;
    }
    const svg = renderDemoCover(cover[1], Number(cover[2]), title);
    return { contentType: "image/svg+xml", body: Buffer.from(svg, "utf8"), fileExt: "svg" };
  }
  return null;
}

function videoFor(url: string, audio: DemoAudio): Buffer {
  const body = recentVideos.get(url) ?? renderDemoVideo(renderDemoAudio(audio), audio);
  recentVideos.delete(url);
  recentVideos.set(url, body);
  if (recentVideos.size > RECENT_VIDEOS) recentVideos.delete(recentVideos.keys().next().value as string);
  return body;
}

/** The samples of a sound, or of a whole song: each piece up to its cut, one after the other. */
export function renderDemoAudio(audio: DemoAudio): Float32Array {
  if (audio.kind === "sound") return renderDemoSound(audio.sound);
  const kept = audio.pieces.map((piece) => Math.round(piece.seconds * SAMPLE_RATE));
  const out = new Float32Array(kept.reduce((sum, n) => sum + n, 0));
  const fade = Math.round(JOIN_FADE_SECONDS * SAMPLE_RATE);
  let offset = 0;
  audio.pieces.forEach((piece, i) => {
    const samples = renderDemoSound(piece.sound).subarray(0, kept[i]);
    out.set(samples, offset);
    if (i < audio.pieces.length - 1) {
      for (let j = Math.max(0, samples.length - fade); j < samples.length; j++) out[offset + j] *= (samples.length - 1 - j) / fade;
    }
    offset += kept[i];
  });
  return out;
}
