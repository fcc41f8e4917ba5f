// Demo media lives behind an internal `demo:` scheme instead of a server: the media
// archiver hands these URLs to renderDemoAsset, which rebuilds the file from the URL
// alone (seed, take, length, title), so nothing is stored until the archiver stores it.
import type { LocalAsset } from "../types";
import { COVER_TITLE_MAX, renderDemoCover } from "./cover";
import { MAX_CLIP_SECONDS, renderDemoWav } from "./synth";

export type DemoAsset = LocalAsset;

const MAX_URL_LENGTH = 2048;
const AUDIO_URL = /^demo:audio\/([0-9a-f]{12})-([01])\.wav(?:\?d=(\d{1,3}(?:\.\d{1,2})?))?$/;
const COVER_URL = /^demo:cover\/([0-9a-f]{12})-([01])\.svg(?:\?t=([^#?]*))?$/;

export function demoAudioUrl(seed: string, take: number, seconds: number): string {
  return `demo:audio/${seed}-${take}.wav?d=${seconds.toFixed(2)}`;
}

export function demoCoverUrl(seed: string, take: number, title: string): string {
  return `demo:cover/${seed}-${take}.svg?t=${encodeURIComponent([...title.toWellFormed()].slice(0, COVER_TITLE_MAX + 1).join(""))}`;
}

/** The file behind a `demo:` URL, or null for anything else; never throws. */
export function renderDemoAsset(url: string): DemoAsset | null {
  if (typeof url !== "string" || url.length > MAX_URL_LENGTH) return null;
  const audio = AUDIO_URL.exec(url);
  if (audio) {
    const seconds = audio[3] === undefined ? undefined : Number(audio[3]);
    if (seconds !== undefined && (seconds < 1 || seconds > MAX_CLIP_SECONDS)) return null;
    return { contentType: "audio/wav", body: renderDemoWav(audio[1], Number(audio[2]), seconds), fileExt: "wav" };
  }
  const cover = COVER_URL.exec(url);
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
