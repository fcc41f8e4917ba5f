// The one audio engine behind the mini-player and the clip page player. A tiny
// external store (read with useSyncExternalStore) rather than React state, so the
// four-times-a-second time updates re-render only the seek bars, not every list
// that holds a play button. Isomorphic: it touches the <audio> element only after
// the provider attaches one in the browser.

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
}

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
}

const initial: PlayerState = { queue: [], index: -1, playing: false, loading: false, currentTime: 0, duration: 0, failed: false };

// "Previous" restarts the song when it has played past this point, like most players.
const RESTART_THRESHOLD = 3;

export function createPlayerStore(): PlayerStore {
  let state = initial;
  let audio: HTMLAudioElement | null = null;
  let pendingSeek: number | null = null;
  const listeners = new Set<() => void>();

  const set = (patch: Partial<PlayerState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const current = () => state.queue[state.index] ?? null;

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
        if (state.index < state.queue.length - 1) start(state.index + 1);
        else set({ playing: false, currentTime: 0 });
      },
    ],
  ];

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach(element) {
      audio = element;
      for (const [name, fn] of events) element.addEventListener(name, fn);
      return () => {
        for (const [name, fn] of events) element.removeEventListener(name, fn);
        if (audio === element) audio = null;
      };
    },
    playList(queue, index, startAt) {
      const same = current()?.id === queue[index]?.id;
      state = { ...state, queue };
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
      if (state.index < state.queue.length - 1) start(state.index + 1);
    },
    previous() {
      if (state.currentTime > RESTART_THRESHOLD || state.index === 0) seek(0);
      else start(state.index - 1);
    },
    seek,
    close() {
      if (audio) {
        audio.pause();
        audio.removeAttribute("src");
        audio.load();
      }
      set(initial);
    },
    current,
  };
}
