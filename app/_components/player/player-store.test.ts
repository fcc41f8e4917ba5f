import { describe, expect, it } from "vitest";
import { createPlayerStore, type Track } from "./player-store";

// A stand-in for <audio>: records what the store asked for and lets the test fire
// the media events a browser would.
class FakeAudio extends EventTarget {
  src = "";
  paused = true;
  currentTime = 0;
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

function setup() {
  const store = createPlayerStore();
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
