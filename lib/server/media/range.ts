// HTTP Range for a single byte range (RFC 9110 §14). Players seek with one range;
// a multi-range request is answered with the whole file, which the RFC allows, and
// so is a header we cannot parse.

export type RangeResult = { type: "full" } | { type: "partial"; start: number; end: number } | { type: "unsatisfiable" };

const SPEC = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (!header) return { type: "full" };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return { type: "full" };
  const specs = match[1].split(",").map((s) => s.trim());
  if (specs.length !== 1) return { type: "full" };
  const spec = SPEC.exec(specs[0]);
  if (!spec || (spec[1] === "" && spec[2] === "")) return { type: "full" };

  if (spec[1] === "") {
    // Suffix range: the last N bytes.
    const length = Number(spec[2]);
    if (!Number.isSafeInteger(length)) return { type: "full" };
    if (length === 0 || size === 0) return { type: "unsatisfiable" };
    return { type: "partial", start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === "" ? size - 1 : Number(spec[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { type: "full" };
  if (spec[2] !== "" && end < start) return { type: "full" }; // invalid, so ignored
  if (start >= size) return { type: "unsatisfiable" };
  return { type: "partial", start, end: Math.min(end, size - 1) };
}

/** `If-Range` lets a client resume only when the file has not changed since. */
export function rangeStillValid(ifRange: string | null | undefined, etag: string): boolean {
  if (!ifRange) return true;
  return ifRange.trim() === etag;
}

export function contentRange(result: { start: number; end: number }, size: number): string {
  return `bytes ${result.start}-${result.end}/${size}`;
}
