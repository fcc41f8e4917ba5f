// The clips of song tasks (music, extend, cover): two takes of one song. Custom mode
// keeps what the user wrote; inspiration mode (and any gap) is filled from the seed.
import type { VendorClip } from "../types";
import { demoCoverUrl } from "./assets";
import { makeStyle, makeTitle, writeLyrics } from "./lyrics";
import { describeKey, planSong } from "./music";
import { MAX_CLIP_SECONDS, naturalSeconds, type DemoSound } from "./synth";
import { clipIdFor, seedOf, type MusicToken } from "./task-codec";
import { artOf, AUDIO_PREFIX, audioSeconds, demoSoundUrl, parseDemoAudioUrl } from "./urls";

/** Suno makes two takes per music task. */
export const DEMO_TAKES = 2;
/** An extend adds this much music after `continueAt` (less when the clip would pass MAX_CLIP_SECONDS). */
export const DEMO_EXTEND_SECONDS = 20;

export function songClips(vendorTaskId: string, token: MusicToken, done: boolean, createdAt: Date): VendorClip[] {
  const song = songFor(token);
  return song.sounds.map((sound, take) => {
    const audio = demoSoundUrl(sound);
    const art = artOf({ kind: "sound", sound });
    const cover = demoCoverUrl(art.seed, art.take, song.title);
    return {
      vendorClipId: clipIdFor(vendorTaskId, take),
      title: song.title,
      lyrics: song.lyrics,
      style: song.style,
      model: token.model,
      vendorModel: `demo-${token.model}`,
      duration: done ? song.seconds : null,
      audioUrl: done ? audio : null,
      streamAudioUrl: done ? null : audio,
      imageUrl: cover,
      imageLargeUrl: cover,
      videoUrl: null,
      state: done ? "succeeded" : "streaming",
      errorMessage: null,
      createdAt,
    };
  });
}

interface Song {
  title: string;
  style: string;
  lyrics: string | null;
  seconds: number;
  sounds: DemoSound[];
}

function songFor(token: MusicToken): Song {
  const custom = token.mode === "custom";
  const words = token.text ?? token.style ?? token.title ?? "";
  const title = (custom && token.title) || token.sourceTitle || makeTitle(words, token.seed);
  const lyrics = token.instrumental ? null : (custom && token.text) || writeLyrics(words || title, token.seed);
  const voice = token.voice ?? undefined;
  const takes = Array.from({ length: DEMO_TAKES }, (_, take) => take);
  if (token.kind === "cover") {
    // A cover keeps the source's tune (its seed and take) and re-plays it with a new
    // arrangement per take: a new tempo, chords, groove and tone, the same melody.
    const source = coverSource(token);
    const sounds = takes.map((take) => ({ ...source, arrangement: seedOf(["cover", token.seed, take]), voice: voice ?? source.voice }));
    const plan = planSong(source.seed, source.seconds, sounds[0].arrangement);
    const style = (custom && token.style) || makeStyle(token.seed, describeKey(plan), plan.bpm);
    return { title, style, lyrics, seconds: source.seconds, sounds };
  }
  const plan = planSong(token.seed);
  const style = (custom && token.style) || makeStyle(token.seed, describeKey(plan), plan.bpm);
  let seconds = naturalSeconds(token.seed);
  let songTitle = title;
  if (token.kind === "extend") {
    const continueAt = Math.min(token.continueAt ?? 0, MAX_CLIP_SECONDS - DEMO_EXTEND_SECONDS);
    seconds = Math.round((continueAt + DEMO_EXTEND_SECONDS) * 100) / 100;
    // An extension of an extension keeps one suffix, not "(extended) (extended)".
    songTitle = title.endsWith(" (extended)") ? title : `${title} (extended)`;
  }
  return { title: songTitle, style, lyrics, seconds, sounds: takes.map((take) => ({ seed: token.seed, take, seconds, voice })) };
}

/** The tune a cover re-plays: a plain sound as it is, a whole song from its first piece, for at most MAX_CLIP_SECONDS. */
function coverSource(token: MusicToken): DemoSound & { seconds: number } {
  const audio = parseDemoAudioUrl(AUDIO_PREFIX + token.source);
  if (!audio) return { seed: token.seed, take: 0, seconds: naturalSeconds(token.seed) };
  const first = audio.kind === "sound" ? audio.sound : audio.pieces[0].sound;
  return { seed: first.seed, take: first.take, voice: first.voice, seconds: Math.min(audioSeconds(audio), MAX_CLIP_SECONDS) };
}
