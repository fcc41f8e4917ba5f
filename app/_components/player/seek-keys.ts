// Where a key press on a seek slider goes, as the ARIA slider pattern expects: arrows
// step 5 s, Page Up/Down 30 s, Home and End to the ends. Null for any other key.

export const SEEK_STEP = 5;
export const SEEK_PAGE = 30;

export function seekTargetForKey(key: string, time: number, total: number): number | null {
  const targets: Record<string, number> = {
    ArrowRight: time + SEEK_STEP,
    ArrowUp: time + SEEK_STEP,
    ArrowLeft: time - SEEK_STEP,
    ArrowDown: time - SEEK_STEP,
    PageUp: time + SEEK_PAGE,
    PageDown: time - SEEK_PAGE,
    Home: 0,
    End: total,
  };
  const to = targets[key];
  return to === undefined ? null : Math.min(total, Math.max(0, to));
}
