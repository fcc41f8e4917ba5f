import { describe, expect, it } from "vitest";
import { canGoNext, createPlayerStore, type Track } from "./player-store";

// A stand-in for <audio>: records what the store asked for and lets the test fire
// the media events a browser would.
class FakeAudio extends EventTarget {
  src = "";
  paused = true;
  currentTime = 0;
  volume = 1;
  muted = false;
  duration = Number.NaN;
  readyState = 0;
  play() {
    this.paused = false;
    this.dispatchEvent(new Event("playing"));
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
    this.dispatchEvent(new Event("pause"));
  }
  removeAttribute(name: string) {
    if (name === "src") this.src = "";
  }
  load() {}
  loaded(duration: number) {
    this.duration = duration;
    this.readyState = 1;
    this.dispatchEvent(new Event("loadedmetadata"));
  }
}

const track = (id: string): Track => ({ id, title: id, artist: "Ann", audioUrl: `/media/${id}/audio`, coverUrl: null, href: `/clips/${id}`, duration: 60 });

function setup(random?: () => number) {
  const store = createPlayerStore(random);
  const audio = new FakeAudio();
  store.attach(audio as unknown as HTMLAudioElement);
  return { store, audio };
}

describe("player store", () => {
  it("plays a track from a list and walks the queue with next and previous", () => {
    const { store, audio } = setup();
    store.playList([track("a"), track("b"), track("c")], 1);
    expect(audio.src).toBe("/media/b/audio");
    expect(store.getState().playing).toBe(true);
    store.next();
    expect(store.current()?.id).toBe("c");
    store.next(); // end of the list: stays
    expect(store.current()?.id).toBe("c");
    store.previous();
    expect(store.current()?.id).toBe("b");
  });

  it("restarts the song on previous once it has played a while", () => {
    const { store, audio } = setup();
    store.playList([track("a"), track("b")], 1);
    audio.loaded(60);
    store.seek(30);
    store.previous();
    expect(store.current()?.id).toBe("b");
    expect(audio.currentTime).toBe(0);
  });

  it("moves to the next song when one ends, and stops after the last", () => {
    const { store, audio } = setup();
    store.playList([track("a"), track("b")], 0);
    audio.dispatchEvent(new Event("ended"));
    expect(store.current()?.id).toBe("b");
    audio.paused = true;
    audio.dispatchEvent(new Event("pause"));
    audio.dispatchEvent(new Event("ended"));
    expect(store.getState().playing).toBe(false);
    expect(store.current()?.id).toBe("b");
  });

  it("seeks once metadata arrives when asked to start part-way", () => {
    const { store, audio } = setup();
    store.playList([track("a")], 0, 42);
    expect(audio.currentTime).toBe(0);
    audio.loaded(60);
    expect(audio.currentTime).toBe(42);
    expect(store.getState().duration).toBe(60);
  });

  it("keeps the position when the same song is started again from another list", () => {
    const { store, audio } = setup();
    store.playList([track("a")], 0);
    audio.loaded(60);
    audio.currentTime = 20;
    audio.pause();
    store.playList([track("x"), track("a")], 1);
    expect(audio.currentTime).toBe(20);
    expect(audio.paused).toBe(false);
    expect(store.getState().queue).toHaveLength(2);
  });

  it("toggles, reports a failed source, and closes", () => {
    const { store, audio } = setup();
    store.playList([track("a")], 0);
    store.toggle();
    expect(audio.paused).toBe(true);
    store.toggle();
    expect(audio.paused).toBe(false);
    audio.dispatchEvent(new Event("error"));
    expect(store.getState()).toMatchObject({ failed: true, playing: false });
    store.close();
    expect(store.current()).toBeNull();
    expect(audio.src).toBe("");
  });

  it("notifies subscribers on every change", () => {
    const { store } = setup();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.playList([track("a")], 0);
    off();
    store.pause();
    expect(calls).toBeGreaterThan(0);
    const seen = calls;
    store.seek(5);
    expect(calls).toBe(seen);
  });
});

const tracks = (...ids: string[]) => ids.map(track);
const ids = (list: Track[]) => list.map((t) => t.id);
const end = (audio: FakeAudio) => audio.dispatchEvent(new Event("ended"));

describe("player store: shuffle and repeat", () => {
  it("shuffled, plays every song of the queue once before stopping, and previous walks back through that order", () => {
    const { store } = setup();
    store.toggleShuffle();
    store.playList(tracks("a", "b", "c", "d", "e"), 2);
    const played = [store.current()!.id];
    while (canGoNext(store.getState())) {
      store.next();
      played.push(store.current()!.id);
    }
    expect([...played].sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(played[0]).toBe("c");
    store.next(); // the round is over and repeat is off: stays
    expect(store.current()!.id).toBe(played[4]);
    for (const id of played.slice(0, 4).reverse()) {
      store.previous();
      expect(store.current()!.id).toBe(id);
    }
    // And forward again through the same order, not a new draw.
    store.next();
    expect(store.current()!.id).toBe(played[1]);
  });

  it("turning shuffle off continues in list order from the song playing", () => {
    // The draw lands in the middle of what is left: "c" of b, c, d.
    const { store } = setup(() => 0.5);
    store.playList(tracks("a", "b", "c", "d"), 0);
    store.toggleShuffle();
    store.next();
    expect(store.current()!.id).toBe("c");
    store.toggleShuffle();
    store.next();
    expect(store.current()!.id).toBe("d");
  });

  it("repeat all wraps at the end of the queue, in list order and shuffled", () => {
    const { store, audio } = setup();
    store.cycleRepeat();
    expect(store.getState().repeat).toBe("all");
    store.playList(tracks("a", "b"), 1);
    expect(canGoNext(store.getState())).toBe(true);
    end(audio);
    expect(store.current()!.id).toBe("a");
    store.previous();
    expect(store.current()!.id).toBe("b");
    store.toggleShuffle();
    store.next();
    store.next(); // round over: a new round starts rather than stopping
    expect(store.getState().playing).toBe(true);
    expect(["a", "b"]).toContain(store.current()!.id);
  });

  it("repeat one replays the song when it ends, yet next still moves on", () => {
    const { store, audio } = setup();
    store.playList(tracks("a", "b"), 0);
    store.cycleRepeat();
    store.cycleRepeat();
    expect(store.getState().repeat).toBe("one");
    audio.loaded(60);
    audio.currentTime = 59;
    end(audio);
    expect(store.current()!.id).toBe("a");
    expect(store.getState()).toMatchObject({ playing: true, currentTime: 0 });
    store.next();
    expect(store.current()!.id).toBe("b");
    store.cycleRepeat();
    expect(store.getState().repeat).toBe("off");
    expect(canGoNext(store.getState())).toBe(false);
  });
});

describe("player store: editing the queue", () => {
  it("plays a song next or adds it at the end, and starts it when nothing is loaded", () => {
    const { store, audio } = setup();
    store.enqueue(track("x"));
    expect(audio.src).toBe("/media/x/audio");
    store.playList(tracks("a", "b", "c"), 0);
    store.enqueue(track("z"));
    store.playNext(track("n"));
    expect(ids(store.getState().queue)).toEqual(["a", "n", "b", "c", "z"]);
    store.next();
    expect(store.current()!.id).toBe("n");
  });

  it("shuffled, a song played next still comes next", () => {
    const { store } = setup();
    store.toggleShuffle();
    store.playList(tracks("a", "b", "c", "d"), 0);
    store.playNext(track("n"));
    store.next();
    expect(store.current()!.id).toBe("n");
  });

  it("removing another song keeps the one playing; removing the playing one plays the next", () => {
    const { store, audio } = setup();
    store.playList(tracks("a", "b", "c", "d"), 2);
    store.removeAt(0);
    expect(store.current()!.id).toBe("c");
    expect(store.getState().index).toBe(1);
    store.enqueue(track("e"));
    store.removeAt(3);
    expect(ids(store.getState().queue)).toEqual(["b", "c", "d"]);
    expect(store.current()!.id).toBe("c");
    store.removeAt(1);
    expect(store.current()!.id).toBe("d");
    expect(audio.src).toBe("/media/d/audio");
    // The last song leaving, with nothing after: stopped on the one before it.
    store.removeAt(1);
    expect(store.current()!.id).toBe("b");
    expect(store.getState().playing).toBe(false);
    store.toggle();
    expect(audio.src).toBe("/media/b/audio");
    store.removeAt(0);
    expect(store.current()).toBeNull();
  });

  it("shuffled, removing the playing song plays an unplayed one and previous still finds the songs before", () => {
    const { store } = setup();
    store.toggleShuffle();
    store.playList(tracks("a", "b", "c", "d"), 0);
    store.next();
    const second = store.current()!.id;
    store.removeAt(store.getState().index);
    const third = store.current()!.id;
    expect(["a", second]).not.toContain(third);
    expect(ids(store.getState().queue)).not.toContain(second);
    store.previous();
    expect(store.current()!.id).toBe("a");
  });

  it("jumps to a song, and clearing the queue keeps only the song playing", () => {
    const { store } = setup();
    store.playList(tracks("a", "b", "c"), 0);
    store.playAt(2);
    expect(store.current()!.id).toBe("c");
    store.clearQueue();
    expect(ids(store.getState().queue)).toEqual(["c"]);
    expect(store.getState().playing).toBe(true);
  });
});

describe("player store: volume", () => {
  it("applies volume and mute to the audio, unmutes when turned up, and keeps them when closed", () => {
    const { store, audio } = setup();
    store.setVolume(0.4);
    expect(audio.volume).toBe(0.4);
    store.toggleMute();
    expect(audio.muted).toBe(true);
    store.setVolume(1.7);
    expect(audio).toMatchObject({ volume: 1, muted: false });
    store.restore({ volume: 0.25, repeat: "all", shuffle: true });
    store.close();
    expect(store.getState()).toMatchObject({ volume: 0.25, repeat: "all", shuffle: true });
  });
});
