// Timed lyrics as an .lrc file beside the song: `[mm:ss.xx]line`, one per timed line,
// which music players (foobar2000, VLC, Poweramp, Apple Music via helpers) show in sync.

export interface TimedLine {
  text: string;
  start: number;
}

function stamp(seconds: number): string {
  const hundredths = Math.max(0, Math.round(seconds * 100));
  const minutes = Math.floor(hundredths / 6000);
  const rest = hundredths % 6000;
  return `${String(minutes).padStart(2, "0")}:${String(Math.floor(rest / 100)).padStart(2, "0")}.${String(rest % 100).padStart(2, "0")}`;
}

export function toLrc(lines: TimedLine[], meta: { title: string; artist: string; album: string }): string {
  const header = [`[ti:${meta.title}]`, `[ar:${meta.artist}]`, `[al:${meta.album}]`];
  const body = lines.map((line) => `[${stamp(line.start)}]${line.text.replace(/[\r\n]+/g, " ")}`);
  return [...header, ...body].join("\n") + "\n";
}
