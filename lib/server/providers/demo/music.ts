// The composition half of the demo synthesiser: picks a key, tempo and progression
// from the request seed and writes the notes. Both takes of a task share the song
// (key, tempo, chords) the way two Suno takes share a prompt; the melody, voicing
// and drum feel change with the take, so the two clips are audibly different.
import { createRng, type Rng } from "./random";

/** Natural songs are at least this long; the brief asks for clips of 20 s or more. */
export const MIN_SONG_SECONDS = 22;
/** Time after the last bar for the final chord and the reverb to ring out. */
export const TAIL_SECONDS = 1.5;

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];
const KEY_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
// Scale degrees (0 = tonic). Mostly the four-chord pop loops people find pleasant.
const MAJOR_PROGRESSIONS = [
  [0, 4, 5, 3],
  [5, 3, 0, 4],
  [0, 5, 3, 4],
  [0, 3, 5, 4],
  [3, 0, 4, 5],
  [1, 4, 0, 5],
];
const MINOR_PROGRESSIONS = [
  [0, 5, 2, 6],
  [0, 3, 6, 2],
  [0, 6, 5, 6],
  [0, 5, 3, 6],
];
// Melody rhythms per bar as [start, length] in eighths; the last bar of a phrase breathes.
const RHYTHMS = [
  [
    [0, 2],
    [2, 1],
    [3, 1],
    [4, 3],
  ],
  [
    [0, 3],
    [3, 1],
    [4, 2],
    [6, 2],
  ],
  [
    [0, 1],
    [1, 1],
    [2, 2],
    [4, 4],
  ],
  [
    [0, 2],
    [2, 2],
    [4, 2],
    [6, 2],
  ],
  [
    [0, 4],
    [4, 2],
    [6, 1],
    [7, 1],
  ],
  [
    [1, 1],
    [2, 2],
    [4, 1],
    [5, 3],
  ],
];
const CADENCE_RHYTHMS = [
  [
    [0, 2],
    [2, 6],
  ],
  [[0, 6]],
  [
    [0, 3],
    [3, 5],
  ],
];
// Bass figures as [start, length, scale steps above the root] in eighths.
const BASS_FIGURES = [
  [
    [0, 3, 0],
    [3, 1, 0],
    [4, 4, 0],
  ],
  [
    [0, 4, 0],
    [4, 4, 0],
  ],
  [
    [0, 2, 0],
    [2, 2, 7],
    [4, 2, 0],
    [6, 2, 4],
  ],
];

export interface SongPlan {
  key: number;
  minor: boolean;
  bpm: number;
  progression: number[];
  sevenths: boolean;
  bassFigure: number;
  bars: number;
  seconds: number;
}

export type Voice = "pad" | "bass" | "lead" | "kick" | "snare" | "hat";
export interface NoteEvent {
  voice: Voice;
  /** Seconds from the start. */
  start: number;
  length: number;
  midi: number;
  velocity: number;
}

/**
 * The song for a seed; `seconds` stretches it to a fixed length (extends), else it is natural.
 * An `arrangement` seed (covers) keeps the key, progression and melody but moves the tempo,
 * the chord colour and the bass line, the way a cover keeps the tune in a new style.
 */
export function planSong(seed: string, seconds?: number, arrangement?: string): SongPlan {
  const rng = createRng(seed, "plan");
  const minor = rng.next() < 0.25;
  const plan = {
    key: rng.int(12),
    minor,
    bpm: 76 + rng.int(33),
    progression: rng.pick(minor ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS),
    sevenths: rng.next() < 0.5,
    bassFigure: rng.int(BASS_FIGURES.length),
  };
  if (arrangement) {
    const alt = createRng(arrangement, "arrangement");
    // At least 14 BPM away from the original, so the new feel is obvious at once.
    const shift = alt.pick([-22, -14, 14, 22]);
    plan.bpm = plan.bpm + shift >= 64 && plan.bpm + shift <= 130 ? plan.bpm + shift : plan.bpm - shift;
    plan.sevenths = !plan.sevenths;
    plan.bassFigure = (plan.bassFigure + 1 + alt.int(BASS_FIGURES.length - 1)) % BASS_FIGURES.length;
  }
  const barSeconds = (60 / plan.bpm) * 4;
  // Whole four-bar loops plus one bar that resolves to the tonic.
  const loops = Math.max(1, Math.ceil(((MIN_SONG_SECONDS - TAIL_SECONDS) / barSeconds - 1) / 4));
  const bars = loops * 4 + 1;
  const natural = Math.round((bars * barSeconds + TAIL_SECONDS) * 100) / 100;
  // A stretched song still ends on its tonic bar; the fade-out covers a cut last bar.
  if (seconds === undefined || Math.abs(seconds - natural) < 0.005) return { ...plan, bars, seconds: natural };
  return { ...plan, bars: Math.max(1, Math.ceil((seconds - TAIL_SECONDS) / barSeconds)), seconds };
}

/** How a take is played: the pad's register, the drum groove and the lead's tone. */
export interface Feel {
  padCentre: number;
  groove: 0 | 1;
  leadTone: 0 | 1;
}

/** A take's feel follows the take, or for a cover the arrangement seed, so the two cover takes differ too. */
export function feelFor(take: number, arrangement?: string): Feel {
  if (!arrangement) return { padCentre: take === 0 ? 60 : 65, groove: take === 0 ? 0 : 1, leadTone: take % 2 === 0 ? 0 : 1 };
  const rng = createRng(arrangement, "feel");
  return { padCentre: rng.pick([55, 58, 63, 67]), groove: rng.int(2) as 0 | 1, leadTone: rng.int(2) as 0 | 1 };
}

export function describeKey(plan: SongPlan): string {
  return `${KEY_NAMES[plan.key]} ${plan.minor ? "minor" : "major"}`;
}

export function arrangeSong(plan: SongPlan, seed: string, take: number, feel: Feel = feelFor(take)): NoteEvent[] {
  const scale = plan.minor ? MINOR : MAJOR;
  const eighth = 30 / plan.bpm;
  const last = plan.bars - 1;
  const chordAt = (bar: number) => (bar === last ? 0 : plan.progression[bar % 4]);
  // Scale index -> MIDI around a tonic between F3 and E4, so the melody stays mid-range.
  const tonic = 53 + ((plan.key + 7) % 12);
  const midiOf = (index: number) => tonic + 12 * Math.floor(index / 7) + scale[mod(index, 7)];
  const pitchClass = (index: number) => mod(tonic + scale[mod(index, 7)], 12);
  const phrases = ["a", "b"].map((name) => writePhrase(createRng(seed, `melody-${name}-${take}`), plan.progression));
  const events: NoteEvent[] = [];

  for (let bar = 0; bar < plan.bars; bar++) {
    const at = bar * 8 * eighth;
    const degree = chordAt(bar);
    const tones = plan.sevenths && bar !== last ? [0, 2, 4, 6] : [0, 2, 4];
    for (const step of tones) {
      // Each chord tone sits in the octave nearest the centre: smooth voice leading for free.
      const midi = atOrAbove(feel.padCentre - 6, pitchClass(degree + step));
      events.push({ voice: "pad", start: at, length: 8 * eighth, midi, velocity: bar === last ? 1.1 : 1 });
    }
    const bassRoot = atOrAbove(36, pitchClass(degree));
    const figure = bar === 0 || bar === last ? [[0, 8, 0]] : BASS_FIGURES[plan.bassFigure];
    for (const [start, length, steps] of figure) {
      const midi = steps === 7 ? bassRoot + 12 : atOrAbove(bassRoot, pitchClass(degree + steps));
      events.push({ voice: "bass", start: at + start * eighth, length: length * eighth, midi, velocity: 1 });
    }
    if (bar >= 2 && bar < last) {
      for (const note of phrases[Math.floor(bar / 4) % 2][bar % 4]) {
        events.push({ voice: "lead", start: at + note.start * eighth, length: note.length * eighth, midi: midiOf(note.index), velocity: note.velocity });
      }
    }
    if (bar === last) events.push({ voice: "lead", start: at, length: 6 * eighth, midi: midiOf(7), velocity: 0.8 });
    events.push(...drumsForBar(bar, last, at, eighth, feel.groove));
  }
  return events;
}

interface MelodyNote {
  start: number;
  length: number;
  index: number;
  velocity: number;
}

// One four-bar phrase: a bounded random walk on the scale (indices from the tonic),
// landing on chord tones on the strong beats so it never fights the pad.
function writePhrase(rng: Rng, progression: number[]): MelodyNote[][] {
  let index = 7 + rng.int(5);
  return progression.map((degree, j) => {
    const rhythm = j === 3 ? rng.pick(CADENCE_RHYTHMS) : rng.pick(RHYTHMS);
    return rhythm.map(([start, length]) => {
      index += rng.pick([-2, -1, -1, 0, 1, 1, 2]);
      if (index < 4) index = 5;
      if (index > 13) index = 12;
      if (start % 4 === 0) index = nearestChordTone(index, degree);
      return { start, length, index, velocity: start % 4 === 0 ? 1 : 0.8 };
    });
  });
}

const mod = (n: number, m: number) => ((n % m) + m) % m;
/** The lowest MIDI note at or above `floor` with the given pitch class. */
const atOrAbove = (floor: number, pc: number) => floor + mod(pc - floor, 12);

function nearestChordTone(index: number, degree: number): number {
  const isChordTone = (i: number) => [0, 2, 4].includes(mod(i - degree, 7));
  for (const offset of [0, 1, -1, 2, -2]) if (isChordTone(index + offset)) return index + offset;
  return index;
}

function drumsForBar(bar: number, last: number, at: number, eighth: number, groove: 0 | 1): NoteEvent[] {
  const hit = (voice: Voice, e: number, velocity: number): NoteEvent => ({ voice, start: at + e * eighth, length: eighth, midi: 0, velocity });
  if (bar === last) return [hit("kick", 0, 0.8)];
  const events: NoteEvent[] = [];
  if (bar >= 1) for (let e = 0; e < 8; e++) events.push(hit("hat", e, e % 2 === 0 ? 1 : groove === 0 ? 0.55 : 0.75));
  if (bar >= 2) {
    events.push(hit("kick", 0, 1), hit("kick", 4, 0.9), hit("snare", 2, 1), hit("snare", 6, 1));
    if (groove === 1 || bar % 4 === 3) events.push(hit("kick", 5, 0.6));
  }
  return events;
}
