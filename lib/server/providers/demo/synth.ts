// The sound half of the demo synthesiser: turns the arranged notes into samples with
// wavetable oscillators, enveloped noise drums, an echo on the lead and a small
// Schroeder reverb. Wavetables keep it to a few multiply-adds per voice and sample,
// so a 25 s clip renders in tens of milliseconds.
import { arrangeSong, feelFor, planSong, type NoteEvent, type SongPlan } from "./music";
import { createRng } from "./random";
import { encodeWav } from "./wav";

/** Mono at 22.05 kHz keeps a 25 s clip near 1.1 MB and the longest extend near 2 MB. */
export const SAMPLE_RATE = 22050;
/** Extends are clamped to this so the WAV stays around 2 MB. */
export const MAX_CLIP_SECONDS = 48;

const TABLE_SIZE = 2048;
const FADE_IN_SECONDS = 0.8;
const FADE_OUT_SECONDS = 2.5;
const PEAK = 0.89;

/** One cycle of a sum of harmonics, with a wrap-around sample for interpolation. */
function wavetable(partials: number[]): Float32Array {
  const table = new Float32Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) {
    let v = 0;
    partials.forEach((amp, n) => (v += amp * Math.sin((2 * Math.PI * (n + 1) * i) / TABLE_SIZE)));
    table[i] = v;
  }
  return table;
}

const TABLES = {
  pad: wavetable([1, 0.35, 0.18, 0.09, 0.05]),
  bass: wavetable([1, 0.3, 0.08]),
  // Take 0 sings with a soft flute-like lead, take 1 with a brighter electric-piano one.
  lead: [wavetable([1, 0.22, 0.1, 0.03]), wavetable([1, 0.5, 0.12, 0.18, 0.05])],
};

interface Envelope {
  attack: number;
  release: number;
  decay: number;
  sustain: number;
}
const PAD: Envelope = { attack: 0.45, release: 0.9, decay: 0, sustain: 1 };
const LEAD: Envelope = { attack: 0.012, release: 0.12, decay: 0.35, sustain: 0.45 };
const BASS: Envelope = { attack: 0.01, release: 0.08, decay: 0.5, sustain: 0.6 };

/**
 * Everything that decides a demo sound, all of it carried in its `demo:audio` URL.
 * `arrangement` (covers) re-plays the song in a new style; `voice` (personas) gives the
 * lead its own timbre; `part` keeps only the lead ("vocals") or everything else.
 */
export interface DemoSound {
  seed: string;
  take: number;
  /** Absent: the song's natural length. */
  seconds?: number;
  arrangement?: string;
  voice?: string;
  part?: "vocals" | "instrumental";
}

export function renderDemoWav(sound: DemoSound): Buffer {
  return encodeWav(renderDemoSound(sound), SAMPLE_RATE);
}

export function renderDemoSound(sound: DemoSound): Float32Array {
  const plan = planSong(sound.seed, sound.seconds === undefined ? undefined : Math.min(sound.seconds, MAX_CLIP_SECONDS), sound.arrangement);
  return renderSong(plan, sound);
}

/** Length of the natural (non-extend) clip for a seed, as reported to the app. */
export function naturalSeconds(seed: string, arrangement?: string): number {
  return planSong(seed, undefined, arrangement).seconds;
}

/** A lead timbre of its own per voice seed: the fundamental plus a few seeded overtones. */
function voiceTable(voice: string): Float32Array {
  const rng = createRng(voice, "voice");
  return wavetable([1, 0.1 + rng.next() * 0.6, rng.next() * 0.4, rng.next() * 0.25, rng.next() * 0.15]);
}

export function renderSong(plan: SongPlan, sound: DemoSound): Float32Array {
  const length = Math.round(plan.seconds * SAMPLE_RATE);
  const dry = new Float32Array(length);
  const wet = new Float32Array(length);
  const lead = new Float32Array(length);
  const feel = feelFor(sound.take, sound.arrangement);
  const leadTable = sound.voice ? voiceTable(sound.voice) : TABLES.lead[feel.leadTone];
  const noise = createRng(sound.seed, `noise-${sound.take}`);
  for (const note of arrangeSong(plan, sound.seed, sound.take, feel)) {
    const start = Math.round(note.start * SAMPLE_RATE);
    if (start >= length) continue;
    addNote(note, start, { dry, wet, lead }, leadTable, noise.next);
  }
  addEcho(lead, Math.round((90 / plan.bpm) * SAMPLE_RATE), 0.3);
  // The reverb is linear, so the lead's and the band's can run apart and still sum to
  // the mix: the stems of a clip add up to the clip itself.
  const leadVerb = schroeder(lead);
  const bandVerb = schroeder(wet);
  const mix = new Float32Array(length);
  for (let i = 0; i < length; i++) mix[i] = dry[i] + wet[i] + lead[i] + 0.25 * (bandVerb[i] + leadVerb[i]);
  const gain = fadeAndNormalise(mix);
  if (!sound.part) return mix;
  // A stem gets the mix's fades and scale, not its own, so it sits at its level in the song.
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = gain(i) * (sound.part === "vocals" ? lead[i] + 0.25 * leadVerb[i] : dry[i] + wet[i] + 0.25 * bandVerb[i]);
  return out;
}

function addNote(note: NoteEvent, start: number, bus: { dry: Float32Array; wet: Float32Array; lead: Float32Array }, leadTable: Float32Array, random: () => number) {
  const freq = 440 * 2 ** ((note.midi - 69) / 12);
  const samples = Math.round(note.length * SAMPLE_RATE);
  switch (note.voice) {
    case "pad":
      // Two oscillators a few cents apart give the slow chorus that makes a pad feel wide.
      tone(bus.wet, TABLES.pad, start, samples, freq * 1.003, 0.05 * note.velocity, PAD);
      tone(bus.wet, TABLES.pad, start, samples, freq / 1.003, 0.05 * note.velocity, PAD);
      return;
    case "bass":
      return tone(bus.dry, TABLES.bass, start, samples, freq, 0.28 * note.velocity, BASS);
    case "lead":
      return tone(bus.lead, leadTable, start, samples, freq, 0.2 * note.velocity, LEAD);
    case "kick":
      return kick(bus.dry, start, 0.5 * note.velocity);
    case "snare":
      return hit(bus.wet, start, 0.22, 0.07, 0.1 * note.velocity, random, false);
    case "hat":
      return hit(bus.dry, start, 0.07, 0.022, 0.045 * note.velocity, random, true);
  }
}

function tone(buf: Float32Array, table: Float32Array, start: number, held: number, freq: number, gain: number, env: Envelope) {
  const attack = Math.max(1, Math.round(env.attack * SAMPLE_RATE));
  const release = Math.max(1, Math.round(env.release * SAMPLE_RATE));
  const decayStep = env.decay > 0 ? Math.exp(-1 / (env.decay * SAMPLE_RATE)) : 1;
  const inc = (freq * TABLE_SIZE) / SAMPLE_RATE;
  const end = Math.min(buf.length, start + held + release);
  let phase = 0;
  let decay = 1;
  for (let i = 0, n = start; n < end; i++, n++) {
    let level = i < attack ? i / attack : 1;
    if (i >= held) level *= 1 - (i - held) / release;
    level *= env.sustain + (1 - env.sustain) * decay;
    decay *= decayStep;
    const pos = phase | 0;
    const a = table[pos];
    buf[n] += gain * level * (a + (table[pos + 1] - a) * (phase - pos));
    phase += inc;
    if (phase >= TABLE_SIZE) phase -= TABLE_SIZE;
  }
}

/** A sine whose pitch falls fast from ~140 Hz to 48 Hz: the classic soft electronic kick. */
function kick(buf: Float32Array, start: number, gain: number) {
  const end = Math.min(buf.length, start + Math.round(0.32 * SAMPLE_RATE));
  const sweep = Math.exp(-1 / (0.035 * SAMPLE_RATE));
  const fade = Math.exp(-1 / (0.16 * SAMPLE_RATE));
  let phase = 0;
  let pitch = 1;
  let amp = gain;
  for (let n = start; n < end; n++) {
    phase += (2 * Math.PI * (48 + 90 * pitch)) / SAMPLE_RATE;
    buf[n] += amp * Math.sin(phase);
    pitch *= sweep;
    amp *= fade;
  }
}

/** Enveloped noise: high-passed for hats, low-passed for a brushed snare. */
function hit(buf: Float32Array, start: number, seconds: number, tau: number, gain: number, random: () => number, bright: boolean) {
  const end = Math.min(buf.length, start + Math.round(seconds * SAMPLE_RATE));
  const fade = Math.exp(-1 / (tau * SAMPLE_RATE));
  let amp = gain;
  let prev = 0;
  let low = 0;
  for (let n = start; n < end; n++) {
    const x = random() * 2 - 1;
    low += 0.35 * (x - low);
    buf[n] += amp * (bright ? x - prev : low);
    prev = x;
    amp *= fade;
  }
}

function addEcho(buf: Float32Array, delay: number, feedback: number) {
  for (let i = delay; i < buf.length; i++) buf[i] += feedback * buf[i - delay];
}

/** Four damped combs into two all-passes (Schroeder/Freeverb), tuned for 22.05 kHz. */
function schroeder(input: Float32Array): Float32Array {
  const out = new Float32Array(input.length);
  for (const delay of [557, 593, 641, 683]) {
    const line = new Float32Array(delay);
    let pos = 0;
    let damped = 0;
    for (let i = 0; i < input.length; i++) {
      const y = line[pos];
      damped += 0.35 * (y - damped);
      line[pos] = input[i] + 0.8 * damped;
      out[i] += y * 0.25;
      pos = pos + 1 === delay ? 0 : pos + 1;
    }
  }
  for (const delay of [277, 211]) {
    const line = new Float32Array(delay);
    let pos = 0;
    for (let i = 0; i < out.length; i++) {
      const buffered = line[pos];
      const x = out[i];
      line[pos] = x + 0.5 * buffered;
      out[i] = buffered - 0.5 * x;
      pos = pos + 1 === delay ? 0 : pos + 1;
    }
  }
  return out;
}

/** Fades and scales `out` in place; returns the gain it applied at each sample, for the stems. */
function fadeAndNormalise(out: Float32Array): (i: number) => number {
  const fadeIn = Math.round(FADE_IN_SECONDS * SAMPLE_RATE);
  const fadeOut = Math.round(FADE_OUT_SECONDS * SAMPLE_RATE);
  const fade = (i: number) => {
    const left = out.length - 1 - i;
    return (i < fadeIn ? i / fadeIn : 1) * (left < fadeOut ? left / fadeOut : 1);
  };
  let peak = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] *= fade(i);
    peak = Math.max(peak, Math.abs(out[i]));
  }
  const scale = peak > 0 ? PEAK / peak : 0;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return (i) => fade(i) * scale;
}
