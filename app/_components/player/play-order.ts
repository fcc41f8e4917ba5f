import type { Track } from "./player-types";

// Which song comes next or before, in list order or shuffled, with repeat. Pure, so the
// store stays small and every mode can be tested without an <audio>.
//
// Shuffle keeps a history of the songs played this round (the current one at `pos`):
// "next" picks at random among the songs not yet in it, so a round plays each song once;
// "previous" walks back through it, and "next" after that walks forward again. Tracks
// are compared by reference, so a song queued twice counts as two entries.

export type Repeat = "off" | "all" | "one";

export interface Order {
  queue: Track[];
  index: number;
  shuffle: boolean;
  repeat: Repeat;
  history: Track[];
  historyPos: number;
}

export interface Step {
  index: number;
  history: Track[];
  historyPos: number;
}

const LIST: Pick<Step, "history" | "historyPos"> = { history: [], historyPos: 0 };

/** The song after the current one, or null at the end of a queue that does not repeat. */
export function stepForward(o: Order, random: () => number = Math.random): Step | null {
  const { queue, index } = o;
  if (queue.length === 0) return null;
  if (!o.shuffle) {
    if (index < queue.length - 1) return { index: index + 1, ...LIST };
    // Repeat one replays by itself when a song ends; asked for "next" it moves on like repeat all.
    return o.repeat === "off" ? null : { index: 0, ...LIST };
  }
  const ahead = o.history[o.historyPos + 1];
  if (ahead && queue.includes(ahead)) return { index: queue.indexOf(ahead), history: o.history, historyPos: o.historyPos + 1 };
  let history = o.history.slice(0, o.historyPos + 1);
  const played = new Set(history);
  let left = queue.flatMap((t, i) => (played.has(t) ? [] : [i]));
  if (left.length === 0) {
    if (o.repeat === "off") return null;
    // A new round; the song that just ended does not start it, unless it is the only one.
    history = [];
    left = queue.flatMap((_, i) => (i === index && queue.length > 1 ? [] : [i]));
  }
  const pick = left[Math.min(left.length - 1, Math.floor(random() * left.length))];
  return { index: pick, history: [...history, queue[pick]], historyPos: history.length };
}

/** The song before the current one, or null when there is none to go back to. */
export function stepBack(o: Order): Step | null {
  const { queue, index } = o;
  if (queue.length === 0) return null;
  if (!o.shuffle) {
    if (index > 0) return { index: index - 1, ...LIST };
    return o.repeat === "off" ? null : { index: queue.length - 1, ...LIST };
  }
  const behind = o.history[o.historyPos - 1];
  return behind && queue.includes(behind) ? { index: queue.indexOf(behind), history: o.history, historyPos: o.historyPos - 1 } : null;
}

/** Whether "next" has somewhere to go (drives the button's disabled state). */
export function hasNext(o: Order): boolean {
  return stepForward(o, () => 0) !== null;
}

/** The shuffle history once a song has left the queue; `pos` then points at the entry after the one that played. */
export function withoutTrack(history: Track[], pos: number, track: Track): { history: Track[]; historyPos: number } {
  return { history: history.filter((t) => t !== track), historyPos: history.slice(0, pos).filter((t) => t !== track).length };
}

/** The history after the person picked a song themselves: it becomes the next entry. */
export function pickedInShuffle(o: Order, track: Track): { history: Track[]; historyPos: number } {
  const history = o.history.slice(0, o.historyPos + 1);
  return history.length === 0 ? { history: [track], historyPos: 0 } : { history: [...history, track], historyPos: history.length };
}
