// The cover as pixels, for the video's still frame: the same gradient, circles and
// level-meter bars as the SVG (coverDesign), painted straight into the YUV 4:2:0
// planes an H.264 picture holds. The title is left out: text needs a font, and the
// clip page already shows the title beside the player.
import { COVER_SIZE, coverDesign } from "./cover";

export interface YuvFrame {
  width: number;
  height: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

type Rgb = [number, number, number];

export function rasterCover(seed: string, take: number): YuvFrame {
  const size = COVER_SIZE;
  const design = coverDesign(seed, take);
  const from = hsl(design.hue, 0.65, 0.45);
  const to = hsl(design.second, 0.7, 0.25);
  const rgb = new Float32Array(size * size * 3);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // The SVG's gradient runs corner to corner, so a pixel's share is its position along the diagonal.
      const t = (px + py + 1) / (2 * size);
      const i = (py * size + px) * 3;
      for (let c = 0; c < 3; c++) rgb[i + c] = from[c] + (to[c] - from[c]) * t;
    }
  }
  for (const circle of design.circles) {
    const colour = hsl(circle.hue, 0.8, 0.7);
    paint(
      rgb,
      size,
      Math.max(0, circle.cx - circle.r),
      Math.max(0, circle.cy - circle.r),
      circle.cx + circle.r,
      circle.cy + circle.r,
      colour,
      circle.opacity,
      (x, y) => (x - circle.cx) ** 2 + (y - circle.cy) ** 2 <= circle.r ** 2,
    );
  }
  design.bars.forEach((h, i) => paint(rgb, size, 40 + i * 18, 440 - h, 50 + i * 18, 440, [1, 1, 1], 0.35, () => true));
  return toYuv(rgb, size);
}

function paint(rgb: Float32Array, size: number, x0: number, y0: number, x1: number, y1: number, colour: Rgb, alpha: number, inside: (x: number, y: number) => boolean) {
  for (let y = Math.floor(y0); y < Math.min(size, Math.ceil(y1)); y++) {
    for (let x = Math.floor(x0); x < Math.min(size, Math.ceil(x1)); x++) {
      if (!inside(x + 0.5, y + 0.5)) continue;
      const i = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) rgb[i + c] += (colour[c] - rgb[i + c]) * alpha;
    }
  }
}

/** BT.601 studio range, what a decoder assumes when the stream says nothing; 0 is kept out for I_PCM. */
function toYuv(rgb: Float32Array, size: number): YuvFrame {
  const half = size / 2;
  const y = new Uint8Array(size * size);
  const u = new Uint8Array(half * half);
  const v = new Uint8Array(half * half);
  const clamp = (n: number) => Math.max(1, Math.min(255, Math.round(n)));
  for (let i = 0; i < size * size; i++) y[i] = clamp(16 + 65.481 * rgb[i * 3] + 128.553 * rgb[i * 3 + 1] + 24.966 * rgb[i * 3 + 2]);
  for (let cy = 0; cy < half; cy++) {
    for (let cx = 0; cx < half; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const i = ((cy * 2 + dy) * size + cx * 2 + dx) * 3;
        r += rgb[i] / 4;
        g += rgb[i + 1] / 4;
        b += rgb[i + 2] / 4;
      }
      u[cy * half + cx] = clamp(128 - 37.797 * r - 74.203 * g + 112 * b);
      v[cy * half + cx] = clamp(128 + 112 * r - 93.786 * g - 18.214 * b);
    }
  }
  return { width: size, height: size, y, u, v };
}

/** CSS hsl() in [0, 1] RGB. */
function hsl(hue: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}
