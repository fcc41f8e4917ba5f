// Words for the demo: titles, styles and lyrics made from a small template filled with
// the prompt's own words. The same prompt and seed always give the same text.
import { createRng, type Rng } from "./random";

// Prompt words that make poor lyric nouns: grammar, moods and the vocabulary of music itself.
const STOP_WORDS = new Set(
  [
    "a an and are about as at be but by for from in into is it its me my of on or our so that the this to us we with you your",
    "song songs track music tune lyrics vocals vocal female male voice beat beats style genre bpm",
    "pop rock jazz folk indie electronic edm lofi lo-fi hip hop rap ambient acoustic piano guitar synth",
    "dreamy happy sad upbeat slow fast soft old new beautiful chill mellow catchy energetic emotional romantic epic gentle warm",
    "一首 一个 关于 歌曲 音乐",
  ]
    .join(" ")
    .split(" "),
);
const FALLBACK_WORDS = ["light", "river", "summer", "city", "heart", "morning", "road", "echo"];
const GENRES = ["dreamy synth-pop", "lo-fi chill", "soft indie pop", "ambient electronica", "warm bedroom pop", "mellow chillwave"];

// Rhyming couplets; sections draw them without repeats so a song never says a line twice
// (except the chorus, which is meant to).
const VERSE_COUPLETS = [
  ["Walking through the {a} at the edge of the day", "Every little {b} seems to light the way"],
  ["I kept your {c} in a pocket of the rain", "Counting every {a} till I see you again"],
  ["Streetlights humming like a {b} in my head", "All the words for {c} that we never said"],
  ["Paper boats of {a} drifting out to sea", "Somewhere in the {b} you were waiting for me"],
];
const CHORUS_COUPLETS = [
  ["Oh, {a}, carry me home", "We are the {b} and we're never alone"],
  ["Turn it up, let the {c} shine", "Hold on to {a}, hold on to the time"],
  ["{B}, {B}, singing in the night", "Everything is {c} and everything's alright"],
];
const BRIDGE_COUPLETS = [
  ["And if the {a} falls apart", "I'll find the {b} inside my heart"],
  ["Slow it down, let the {c} in", "This is where we begin"],
];
const TITLE_PATTERNS = ["{A} {B}", "The {A} Song", "{A} in the {B}", "Midnight {A}", "{A} Forever", "Chasing {A}"];

/** Keywords from a prompt in the order they appear; Intl.Segmenter also splits Chinese and Japanese. */
export function promptWords(prompt: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const part of new Intl.Segmenter(undefined, { granularity: "word" }).segment(prompt)) {
    const word = part.segment.toLowerCase();
    if (!part.isWordLike || /^\d+$/.test(word) || STOP_WORDS.has(word) || seen.has(word)) continue;
    // Short Latin words are mostly grammar; single CJK characters mostly particles (的, 和).
    if (/^[a-z]+$/.test(word) ? word.length < 3 : [...word].length < 2) continue;
    seen.add(word);
    words.push(word);
  }
  return words.length > 0 ? words : FALLBACK_WORDS;
}

export function makeTitle(prompt: string, seed: string): string {
  const rng = createRng(seed, "title");
  const [a, b] = chooseWords(prompt, rng);
  return fill(rng.pick(TITLE_PATTERNS), a, b, a);
}

export function makeStyle(seed: string, key: string, bpm: number): string {
  return `${createRng(seed, "style").pick(GENRES)}, ${key}, ${bpm} bpm`;
}

/** A short song in the usual Suno section layout, always with Verse, Chorus and Bridge. */
export function writeLyrics(prompt: string, seed: string): string {
  const rng = createRng(seed, "lyrics");
  const [a, b, c] = chooseWords(prompt, rng);
  const verses = shuffle(VERSE_COUPLETS, rng);
  const section = (couplets: string[][]) =>
    couplets
      .flat()
      .map((line) => fill(line, a, b, c))
      .join("\n");
  const chorus = `[Chorus]\n${section(shuffle(CHORUS_COUPLETS, rng).slice(0, 2))}`;
  return [`[Verse]\n${section(verses.slice(0, 2))}`, chorus, `[Verse]\n${section(verses.slice(2, 4))}`, chorus, `[Bridge]\n${section([rng.pick(BRIDGE_COUPLETS)])}`, chorus].join(
    "\n\n",
  );
}

function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function chooseWords(prompt: string, rng: Rng): [string, string, string] {
  // The first words are usually the subject; the seed decides which of them sings where.
  const words = shuffle(promptWords(prompt).slice(0, 4), rng);
  return [words[0], words[1 % words.length], words[2 % words.length]];
}

function fill(template: string, a: string, b: string, c: string): string {
  const text = template.replaceAll("{A}", capitalise(a)).replaceAll("{B}", capitalise(b)).replaceAll("{a}", a).replaceAll("{b}", b).replaceAll("{c}", c);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
