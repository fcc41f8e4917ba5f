import { pickedInShuffle, stepForward, withoutTrack } from "./play-order";
import type { PlayerState, Track } from "./player-types";

// Changes to the queue as pure functions of the player state: the store applies the
// patch and then does what the edit asks of the <audio> (start, stop, or nothing).

export type Edit = { patch: Partial<PlayerState>; then: { start: number } | { stopAt: number } | "keep" | "close" };

/** A copy, so a song queued twice is two entries (shuffle history compares by reference). */
const entry = (track: Track): Track => ({ ...track });

export function insertNext(s: PlayerState, track: Track): Partial<PlayerState> {
  const added = entry(track);
  const queue = [...s.queue.slice(0, s.index + 1), added, ...s.queue.slice(s.index + 1)];
  if (!s.shuffle) return { queue };
  // Shuffled, it becomes the next entry of the history so "next" plays it.
  const history = [...s.history.slice(0, s.historyPos + 1), added, ...s.history.slice(s.historyPos + 1)];
  return { queue, history };
}

export function append(s: PlayerState, track: Track): Partial<PlayerState> {
  return { queue: [...s.queue, entry(track)] };
}

export function pick(s: PlayerState, index: number): Partial<PlayerState> {
  const track = s.queue[index];
  return s.shuffle && track ? pickedInShuffle(s, track) : {};
}

export function remove(s: PlayerState, index: number, random: () => number): Edit {
  const track = s.queue[index];
  if (!track) return { patch: {}, then: "keep" };
  const queue = s.queue.filter((_, i) => i !== index);
  if (queue.length === 0) return { patch: {}, then: "close" };
  const trimmed = withoutTrack(s.history, s.historyPos, track);
  if (index !== s.index) {
    return { patch: { queue, index: index < s.index ? s.index - 1 : s.index, ...trimmed }, then: "keep" };
  }
  // The song playing leaves: the one that would have come after it plays instead. In list
  // order that one now sits at the same place; shuffled, it is picked from the history.
  const after = s.shuffle
    ? stepForward({ ...s, queue, index: -1, history: trimmed.history, historyPos: trimmed.historyPos - 1 }, random)
    : index < queue.length
      ? { index, history: [], historyPos: 0 }
      : stepForward({ ...s, queue, index: queue.length - 1 }, random);
  if (!after) return { patch: { queue, ...trimmed }, then: { stopAt: Math.min(index, queue.length - 1) } };
  return { patch: { queue, history: after.history, historyPos: after.historyPos }, then: { start: after.index } };
}

/** Keeps only the song playing. */
export function clear(s: PlayerState): Partial<PlayerState> {
  const track = s.queue[s.index];
  if (!track) return {};
  return { queue: [track], index: 0, history: s.shuffle ? [track] : [], historyPos: 0 };
}
