// A waveform is a short list of peaks, 0–255, the loudest point of the clip 255. The
// server stores WAVEFORM_POINTS of them; lists get a coarser copy, so a page of rows
// carries a few dozen numbers per clip instead of hundreds. Isomorphic.

/** Points kept per clip: finer than any seek bar draws bars. */
export const WAVEFORM_POINTS = 400;
/** Points a list row gets. */
export const LIST_WAVEFORM_POINTS = 48;

/** The loudest peak of each of `points` equal slices (peaks are returned as they are when already that short). */
export function downsamplePeaks(peaks: ArrayLike<number>, points: number): number[] {
  if (peaks.length <= points) return Array.from(peaks);
  const out: number[] = [];
  for (let j = 0; j < points; j++) {
    const from = Math.floor((j * peaks.length) / points);
    const to = Math.floor(((j + 1) * peaks.length) / points);
    let max = 0;
    for (let i = from; i < to; i++) max = Math.max(max, peaks[i]);
    out.push(max);
  }
  return out;
}
