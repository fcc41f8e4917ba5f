// Suno's timing answer (`aligned_words`), built from a clip's lyrics the way the vendor
// sends it: one entry per sung word, the line break carried by the line's last word and
// a section marker carried in front of the next line's first word ("[Verse]\nSnow ").

export interface AlignedWord {
  word: string;
  success: boolean;
  start_s: number;
  end_s: number;
  p_align: number;
}

export function alignedWords(lyrics: string, seconds: number): AlignedWord[] {
  const words: string[] = [];
  let marker = "";
  for (const line of lyrics.split("\n")) {
    if (/^\s*\[[^\]]*\]\s*$/.test(line)) {
      marker += `${line.trim()}\n`;
      continue;
    }
    const parts = line.trim().split(/\s+/).filter(Boolean);
    parts.forEach((part, i) => words.push(`${i === 0 ? marker : ""}${part}${i === parts.length - 1 ? "\n" : " "}`));
    if (parts.length > 0) marker = "";
  }
  const step = words.length > 0 ? seconds / words.length : 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return words.map((word, i) => ({ word, success: true, start_s: round(i * step), end_s: round((i + 1) * step), p_align: 0.9 }));
}
