// Cover art for demo clips: a 512×512 SVG whose colours and shapes come from the
// seed, with the title set in it. The title arrives from a URL, so it is treated as
// untrusted text: escaped for XML and stripped of characters XML cannot hold.
import { createRng } from "./random";

export const COVER_SIZE = 512;
/** Longest title drawn on a cover; longer ones end with an ellipsis. */
export const COVER_TITLE_MAX = 40;

/** The shapes and colours of a cover, shared by the SVG and the video's still frame. */
export interface CoverDesign {
  hue: number;
  second: number;
  circles: { cx: number; cy: number; r: number; hue: number; opacity: number }[];
  /** Heights of the level-meter bars along the bottom. */
  bars: number[];
}

export function coverDesign(seed: string, take: number): CoverDesign {
  const rng = createRng(seed, `cover-${take}`);
  const hue = rng.int(360);
  const second = (hue + 40 + rng.int(100)) % 360;
  const circles = Array.from({ length: 4 }, (_, i) => {
    const r = 60 + rng.int(160);
    const cx = rng.int(COVER_SIZE);
    const cy = rng.int(380);
    return { cx, cy, r, hue: (hue + i * 35) % 360, opacity: Math.round((0.12 + rng.next() * 0.2) * 100) / 100 };
  });
  return { hue, second, circles, bars: Array.from({ length: COVER_BARS }, () => 12 + rng.int(70)) };
}

export const COVER_BARS = 24;

export function renderDemoCover(seed: string, take: number, title: string): string {
  const { hue, second, ...design } = coverDesign(seed, take);
  const circles = design.circles.map((c) => `<circle cx="${c.cx}" cy="${c.cy}" r="${c.r}" fill="hsl(${c.hue} 80% 70%)" fill-opacity="${c.opacity.toFixed(2)}"/>`);
  // A row of bars along the bottom, like a still of a level meter.
  const bars = design.bars.map((h, i) => `<rect x="${40 + i * 18}" y="${440 - h}" width="10" height="${h}" rx="3" fill="#fff" fill-opacity="0.35"/>`);
  const lines = wrapTitle(cleanTitle(title));
  const fontSize = Math.max(...lines.map((l) => [...l].length)) > 16 ? 30 : 42;
  const text = lines.map((line, i) => `<tspan x="40" dy="${i === 0 ? 0 : fontSize * 1.15}">${escapeXml(line)}</tspan>`).join("");
  const textY = 300 - (lines.length - 1) * fontSize * 0.6;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_SIZE}" height="${COVER_SIZE}" viewBox="0 0 ${COVER_SIZE} ${COVER_SIZE}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="hsl(${hue} 65% 45%)"/><stop offset="1" stop-color="hsl(${second} 70% 25%)"/>`,
    `</linearGradient></defs>`,
    `<rect width="${COVER_SIZE}" height="${COVER_SIZE}" fill="url(#g)"/>`,
    ...circles,
    ...bars,
    `<text x="40" y="${textY}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="${fontSize}" font-weight="700" fill="#fff">${text}</text>`,
    `<text x="40" y="484" font-family="system-ui, sans-serif" font-size="16" fill="#fff" fill-opacity="0.7">Songloft · Demo (offline)</text>`,
    `</svg>`,
  ].join("\n");
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** Drops what XML 1.0 forbids (control characters, lone surrogates) and caps the length. */
function cleanTitle(title: string): string {
  const chars = [
    ...title
      .toWellFormed()
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/\s+/g, " ")
      .trim(),
  ];
  if (chars.length === 0) return "Untitled";
  return chars.length > COVER_TITLE_MAX
    ? `${chars
        .slice(0, COVER_TITLE_MAX - 1)
        .join("")
        .trimEnd()}…`
    : chars.join("");
}

/** Up to two lines of about 20 characters, broken at a space when there is one. */
function wrapTitle(title: string): string[] {
  const chars = [...title];
  if (chars.length <= 20) return [title];
  const head = chars.slice(0, 21).join("");
  const cut = head.lastIndexOf(" ");
  const split = cut > 6 ? cut : [...head].slice(0, 20).join("").length;
  return [title.slice(0, split).trimEnd(), title.slice(split).trimStart()];
}
