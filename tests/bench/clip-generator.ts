// Deterministic, realistic library content for benchmarks and plan tests: English,
// Chinese and mixed titles, lyrics with [Verse]/[Chorus] sections, styles and
// prompts. Words follow a Zipf distribution over a large vocabulary, so searches
// range from words in most clips to words in a handful, like a real library.

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rng = () => number;

const EN_COMMON = (
  "love night heart light dream fire rain city road home time baby never forever tonight again alone " +
  "dance sky star summer blue gold river ocean wild free young run fall rise stay hold burn shine wait " +
  "remember goodbye morning midnight highway window shadow thunder whisper echo silver neon paper " +
  "glass broken lonely together stranger secret promise memory season winter autumn spring train station"
).split(" ");
const ZH_CHARS =
  "爱情月光夜晚城市梦想心跳回忆风雨远方故乡春夏秋冬花开雪落星空海洋山川河流天涯思念等待离别相逢温柔孤独自由青春岁月时光少年歌声灯火街道窗外雨声微笑眼泪拥抱黎明黄昏晨曦彩虹云朵飞鸟落叶烟火故事旋律节奏快乐悲伤勇敢坚强未来过去今天明天永远瞬间心中世界人间天空大地".split(
    "",
  );
const ZH_COMMON = ["爱情", "月光", "夜晚", "城市", "梦想", "心跳", "回忆", "风雨", "远方", "故乡", "青春", "岁月", "时光", "温柔", "孤独", "自由", "思念", "等待", "星空", "永远"];
const SYLLABLES = "ka lo mi ra ven tor sa li do mer an qu el ix zo bre nal tu fi gor sha pen dru wil ost ar vi ne cal mon".split(" ");
const GENRES = [
  "lo-fi hip hop",
  "synthwave",
  "indie folk",
  "dream pop",
  "city pop",
  "trap",
  "jazz",
  "bossa nova",
  "metal",
  "EDM",
  "R&B",
  "country",
  "中国风",
  "古风",
  "民谣",
  "国风电子",
  "摇滚",
  "流行",
  "说唱",
  "J-pop",
];
const MOODS = ["mellow", "upbeat", "melancholic", "epic", "dreamy", "energetic", "温暖", "伤感", "欢快", "空灵", "热血"];
const VOICES = ["female vocals", "male vocals", "duet", "choir", "女声", "男声", "instrumental"];
const INSTRUMENTS = ["piano", "acoustic guitar", "808", "strings", "synth pads", "古筝", "二胡", "琵琶", "笛子", "saxophone"];

// Zipf-distributed rare words: 20,000 invented English-like words and 6,000 Chinese pairs.
function zipfTable(size: number, s = 1.07) {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
  for (let r = 0; r < size; r++) cdf[r] /= sum;
  return (rng: Rng) => {
    const u = rng();
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const vocabRng = mulberry32(20240601);
const EN_RARE = Array.from({ length: 20_000 }, (_, i) => {
  const n = 2 + (i % 3);
  let w = "";
  for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(vocabRng() * SYLLABLES.length)];
  return w;
});
const ZH_RARE = Array.from({ length: 6_000 }, () => ZH_CHARS[Math.floor(vocabRng() * ZH_CHARS.length)] + ZH_CHARS[Math.floor(vocabRng() * ZH_CHARS.length)]);
const enRank = zipfTable(EN_RARE.length);
const zhRank = zipfTable(ZH_RARE.length);

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

export function englishWord(rng: Rng) {
  return rng() < 0.8 ? pick(rng, EN_COMMON) : EN_RARE[enRank(rng)];
}
export function chineseWord(rng: Rng) {
  return rng() < 0.7 ? pick(rng, ZH_COMMON) : ZH_RARE[zhRank(rng)];
}

function line(rng: Rng, chinese: boolean) {
  const n = 4 + Math.floor(rng() * 5);
  const words = Array.from({ length: n }, () => (chinese ? chineseWord(rng) : englishWord(rng)));
  return chinese ? words.join("") : words.join(" ").replace(/^./, (c) => c.toUpperCase());
}

const SECTIONS = ["[Verse 1]", "[Chorus]", "[Verse 2]", "[Chorus]", "[Bridge]", "[Outro]"];

export interface ClipText {
  title: string;
  lyrics: string | null;
  style: string;
  prompt: string | null;
  language: "en" | "zh" | "mixed";
}

export function clipText(rng: Rng): ClipText {
  const roll = rng();
  const language = roll < 0.45 ? "en" : roll < 0.85 ? "zh" : "mixed";
  const zhLine = () => (language === "zh" ? true : language === "en" ? false : rng() < 0.5);
  const titleWords = 1 + Math.floor(rng() * 3);
  const title = zhLine()
    ? Array.from({ length: titleWords }, () => chineseWord(rng)).join("")
    : Array.from({ length: titleWords }, () => englishWord(rng))
        .join(" ")
        .replace(/\b\w/g, (c) => c.toUpperCase());
  const instrumental = rng() < 0.08;
  const sectionCount = 3 + Math.floor(rng() * 4);
  const lyrics = instrumental
    ? null
    : SECTIONS.slice(0, sectionCount)
        .map((heading) => [heading, ...Array.from({ length: 2 + Math.floor(rng() * 3) }, () => line(rng, zhLine()))].join("\n"))
        .join("\n\n");
  const style = [pick(rng, GENRES), pick(rng, MOODS), pick(rng, INSTRUMENTS), pick(rng, VOICES)].join(", ");
  const prompt =
    rng() < 0.5
      ? zhLine()
        ? `一首关于${chineseWord(rng)}和${chineseWord(rng)}的${pick(rng, GENRES)}歌曲`
        : `A ${pick(rng, MOODS)} song about ${englishWord(rng)} and ${englishWord(rng)}`
      : null;
  return { title, lyrics, style, prompt, language };
}

/** Search words for benchmarks, of each length the UI must handle. */
export const SAMPLE_QUERIES = {
  oneChar: ["爱", "夜", "a", "x"],
  twoChars: ["爱情", "月光", "故乡", "lo", "星空"],
  threePlus: ["love", "midnight", "温柔的", "highway", "station", "回忆 love"],
  // Four-syllable invented words from deep in the Zipf tail: a handful of clips each.
  rare: () => [EN_RARE[5000], EN_RARE[12002], EN_RARE[17999], ZH_RARE[4000] + ZH_RARE[10]],
};

export function hex(rng: Rng, n: number) {
  let out = "";
  while (out.length < n)
    out += Math.floor(rng() * 4294967296)
      .toString(16)
      .padStart(8, "0");
  return out.slice(0, n);
}

/** Stable ids, so the seeder's two threads agree on every clip without talking. */
export function benchId(prefix: string, i: number) {
  return `${prefix}${i.toString(36).padStart(8, "0")}${hex(mulberry32(i * 7919 + prefix.length), 14)}`;
}

/** The text of task `t` (clips t and t+1) comes from its own stream, independent of the other columns. */
export function textRng(task: number) {
  return mulberry32((task + 1) ^ 0x5bd1e995);
}

export function takeTitle(title: string, take: number) {
  return take === 0 ? title : `${title} (take 2)`;
}
