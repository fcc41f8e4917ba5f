// The one audio engine behind the mini-player and the clip page player. A tiny
// external store (read with useSyncExternalStore) rather than React state, so the
// four-times-a-second time updates re-render only the seek bars, not every list
// that holds a play button. Isomorphic: it touches the <audio> element only after
// the provider attaches one in the browser. Which song comes next is play-order.ts.

import { hasNext, stepBack, stepForward, type Step } from "./play-order";
import { append, clear, insertNext, pick, remove } from "./queue-edits";
import { REPEATS, type PlayerState, type PlayerStore } from "./player-types";

export type { PlayerPrefs, PlayerState, PlayerStore, Repeat, Track } from "./player-types";

const initial: PlayerState = {
  queue: [],
  index: -1,
  playing: false,
  loading: false,
  currentTime: 0,
  duration: 0,
  failed: false,
  shuffle: false,
  repeat: "off",
  history: [],
  historyPos: 0,
  volume: 1,
  muted: false,
};

/** Whether "next" can go anywhere in this state. */
export const canGoNext = (s: PlayerState) => s.index >= 0 && hasNext(s);

// "Previous" restarts the song when it has played past this point, like most players.
const RESTART_THRESHOLD = 3;

export function createPlayerStore(random: () => number = Math.random): PlayerStore {
  let state = initial;
  let audio: HTMLAudioElement | null = null;
  let pendingSeek: number | null = null;
  const listeners = new Set<() => void>();

  const set = (patch: Partial<PlayerState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const current = () => state.queue[state.index] ?? null;

  const applyVolume = () => {
    if (!audio) return;
    audio.volume = state.volume;
    audio.muted = state.muted;
  };

  const go = (step: Step | null) => {
    if (!step) return false;
    set({ history: step.history, historyPos: step.historyPos });
    start(step.index);
    return true;
  };

  /** Stops with a song selected but unloaded: play then starts it from the top. */
  const stopAt = (index: number) => {
    if (audio) {
      audio.pause();
      audio.removeAttribute("src");
      audio.load();
    }
    set({ index, playing: false, loading: false, currentTime: 0, duration: state.queue[index]?.duration ?? 0 });
  };

  const start = (index: number, startAt?: number) => {
    const track = state.queue[index];
    if (!track) return;
    pendingSeek = startAt && startAt > 0 ? startAt : null;
    set({ index, currentTime: startAt ?? 0, duration: track.duration ?? 0, loading: true, playing: true, failed: false });
    if (!audio) return;
    audio.src = track.audioUrl;
    // play() rejects when the browser refuses (autoplay policy) or the source fails;
    // the error and pause events already report that, so the rejection is settled here.
    audio.play().catch(() => set({ playing: false, loading: false }));
  };

  const seek = (seconds: number) => {
    const max = state.duration || seconds;
    const to = Math.max(0, Math.min(seconds, max));
    set({ currentTime: to });
    if (!audio) return;
    if (audio.readyState >= 1) audio.currentTime = to;
    else pendingSeek = to;
  };

  const events: Array<[string, () => void]> = [
    ["playing", () => set({ playing: true, loading: false })],
    ["pause", () => set({ playing: false, loading: false })],
    ["waiting", () => set({ loading: true })],
    ["timeupdate", () => audio && set({ currentTime: audio.currentTime })],
    [
      "loadedmetadata",
      () => {
        if (!audio) return;
        if (Number.isFinite(audio.duration)) set({ duration: audio.duration });
        if (pendingSeek !== null) audio.currentTime = pendingSeek;
        pendingSeek = null;
      },
    ],
    ["durationchange", () => audio && Number.isFinite(audio.duration) && set({ duration: audio.duration })],
    ["error", () => set({ playing: false, loading: false, failed: true })],
    [
      "ended",
      () => {
        // Repeat one plays the same file again from its start: no new request for it.
        if (state.repeat === "one" && audio) {
          seek(0);
          audio.play().catch(() => set({ playing: false, loading: false }));
        } else if (!go(stepForward(state, random))) set({ playing: false, currentTime: 0 });
      },
    ],
  ];

  const api: PlayerStore = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach(element) {
      audio = element;
      applyVolume();
      for (const [name, fn] of events) element.addEventListener(name, fn);
      return () => {
        for (const [name, fn] of events) element.removeEventListener(name, fn);
        if (audio === element) audio = null;
      };
    },
    playList(queue, index, startAt) {
      const same = current()?.id === queue[index]?.id;
      const picked = queue[index];
      state = { ...state, queue, history: state.shuffle && picked ? [picked] : [], historyPos: 0 };
      if (same && audio?.src) {
        // Same song already loaded: keep its position instead of restarting it.
        set({ index });
        if (startAt !== undefined) seek(startAt);
        if (audio.paused) audio.play().catch(() => set({ playing: false }));
        return;
      }
      start(index, startAt);
    },
    toggle() {
      if (!audio || !current()) return;
      if (audio.paused) {
        if (!audio.src) start(state.index);
        else audio.play().catch(() => set({ playing: false }));
      } else audio.pause();
    },
    pause() {
      audio?.pause();
    },
    next() {
      go(stepForward(state, random));
    },
    previous() {
      if (state.currentTime > RESTART_THRESHOLD || !go(stepBack(state))) seek(0);
    },
    seek,
    close() {
      if (audio) {
        audio.pause();
        audio.removeAttribute("src");
        audio.load();
      }
      const { shuffle, repeat, volume, muted } = state;
      set({ ...initial, shuffle, repeat, volume, muted });
    },
    current,
    playAt(index) {
      if (!state.queue[index]) return;
      set(pick(state, index));
      start(index);
    },
    playNext(track) {
      if (!current()) api.playList([track], 0);
      else set(insertNext(state, track));
    },
    enqueue(track) {
      if (!current()) api.playList([track], 0);
      else set(append(state, track));
    },
    removeAt(index) {
      const { patch, then } = remove(state, index, random);
      if (then === "close") return api.close();
      const wasPlaying = state.playing;
      set(patch);
      if (then === "keep") return;
      // A paused player stays paused on the song that takes the removed one's place.
      if ("start" in then && wasPlaying) start(then.start);
      else stopAt("start" in then ? then.start : then.stopAt);
    },
    clearQueue() {
      set(clear(state));
    },
    toggleShuffle() {
      const track = current();
      set({ shuffle: !state.shuffle, history: !state.shuffle && track ? [track] : [], historyPos: 0 });
    },
    cycleRepeat() {
      set({ repeat: REPEATS[(REPEATS.indexOf(state.repeat) + 1) % REPEATS.length] });
    },
    setVolume(volume) {
      if (!Number.isFinite(volume)) return;
      const v = Math.max(0, Math.min(1, volume));
      // Moving the slider up is the way out of mute, as on every player.
      set({ volume: v, muted: v > 0 ? false : state.muted });
      applyVolume();
    },
    toggleMute() {
      set({ muted: !state.muted });
      applyVolume();
    },
    restore(prefs) {
      set(prefs);
      applyVolume();
    },
  };
  return api;
}
