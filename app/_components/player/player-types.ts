// The player's shapes, shared by the store, the ordering rules and the components.

import type { Repeat } from "./play-order";

export type { Repeat } from "./play-order";

export interface Track {
  id: string;
  title: string;
  artist: string;
  audioUrl: string;
  coverUrl: string | null;
  href: string;
  duration: number | null;
  /** Peaks (0–255) for a waveform seek bar; absent or null draws the plain bar. */
  waveform?: readonly number[] | null;
}

export interface PlayerState {
  queue: Track[];
  index: number;
  playing: boolean;
  /** True between asking to play and the first audio frame. */
  loading: boolean;
  currentTime: number;
  duration: number;
  failed: boolean;
  shuffle: boolean;
  repeat: Repeat;
  /** Shuffle's played songs this round, the current one at historyPos (see play-order.ts). */
  history: Track[];
  historyPos: number;
  /** 0 to 1. */
  volume: number;
  muted: boolean;
}

/** The choices remembered across visits (player-prefs.ts). */
export type PlayerPrefs = Pick<PlayerState, "shuffle" | "repeat" | "volume" | "muted">;

export interface PlayerStore {
  getState(): PlayerState;
  subscribe(listener: () => void): () => void;
  attach(audio: HTMLAudioElement): () => void;
  /** Replaces the queue with a list and starts one of its tracks, optionally at a position. */
  playList(queue: Track[], index: number, startAt?: number): void;
  toggle(): void;
  pause(): void;
  next(): void;
  previous(): void;
  seek(seconds: number): void;
  /** Stops and empties the queue, which hides the mini-player. */
  close(): void;
  current(): Track | null;
  /** Jumps to the song at this place in the queue. */
  playAt(index: number): void;
  /** Puts a song right after the current one (or plays it when nothing is loaded). */
  playNext(track: Track): void;
  /** Adds a song at the end of the queue (or plays it when nothing is loaded). */
  enqueue(track: Track): void;
  /** Takes the song at this place out of the queue; removing the one playing moves on to the next. */
  removeAt(index: number): void;
  /** Empties the queue except the song playing. */
  clearQueue(): void;
  toggleShuffle(): void;
  /** off → all → one → off. */
  cycleRepeat(): void;
  setVolume(volume: number): void;
  toggleMute(): void;
  /** Applies remembered choices, already checked by player-prefs.ts. */
  restore(prefs: Partial<PlayerPrefs>): void;
}

export const REPEATS: readonly Repeat[] = ["off", "all", "one"];
