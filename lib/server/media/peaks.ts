import { WAVEFORM_POINTS } from "@/lib/waveform";
import { UndecodableAudioError } from "./audio-sink";
import { decodeAudioFile } from "./decode-audio";

// Turns decoded audio, fed in chunks as it is decoded, into a waveform. Only the
// loudest sample of each block of BLOCK_FRAMES frames is kept while decoding, so a
// long song costs a few thousand numbers of memory, not its samples.

const BLOCK_FRAMES = 512;

export class PeakCollector {
  private readonly blocks: number[] = [];
  private current = 0;
  private filled = 0;

  /** One chunk of decoded audio: one array of samples (-1…1) per channel, all as long. */
  add(channels: readonly Float32Array[]): void {
    const frames = channels.length === 0 ? 0 : Math.min(...channels.map((c) => c.length));
    for (let i = 0; i < frames; i++) {
      for (const channel of channels) {
        const v = Math.abs(channel[i]);
        if (v > this.current) this.current = v;
      }
      if (++this.filled === BLOCK_FRAMES) this.flush();
    }
  }

  /** How many frames were fed (whole blocks, plus the partial one). */
  get frames(): number {
    return this.blocks.length * BLOCK_FRAMES + this.filled;
  }

  /**
   * The waveform: `points` peaks scaled so the loudest is 255 (a silent clip is all
   * zeros), or null when no audio was fed. Fewer blocks than points repeat blocks.
   */
  finish(points = WAVEFORM_POINTS): Buffer | null {
    if (this.filled > 0) this.flush();
    const n = this.blocks.length;
    if (n === 0) return null;
    const raw = new Float64Array(points);
    for (let j = 0; j < points; j++) {
      const from = Math.floor((j * n) / points);
      const to = Math.max(from + 1, Math.floor(((j + 1) * n) / points));
      for (let i = from; i < to; i++) raw[j] = Math.max(raw[j], this.blocks[i]);
    }
    const loudest = Math.max(...raw);
    return Buffer.from(Array.from(raw, (v) => (loudest > 0 ? Math.round((255 * v) / loudest) : 0)));
  }

  private flush() {
    this.blocks.push(Math.min(1, this.current));
    this.current = 0;
    this.filled = 0;
  }
}

/** The waveform of an audio file (MP3 or WAV), decoded chunk by chunk; throws UndecodableAudioError. */
export async function computeFilePeaks(file: string, points = WAVEFORM_POINTS): Promise<Buffer> {
  const collector = new PeakCollector();
  await decodeAudioFile(file, (channels) => collector.add(channels));
  const peaks = collector.finish(points);
  if (!peaks) throw new UndecodableAudioError("The file holds no audio");
  return peaks;
}
