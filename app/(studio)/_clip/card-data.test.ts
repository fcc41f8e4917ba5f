import { describe, expect, it } from "vitest";
import type { ClipDto } from "@/lib/dto";
import { formatClock } from "@/app/_components/player/time";
import { appendPage, toCardData, toTracks, withFreshFirstPage } from "./card-data";

const clip = (over: Partial<ClipDto>): ClipDto => ({
  id: "c1",
  taskId: "t1",
  providerId: "demo",
  title: "Song",
  lyrics: "long lyrics that lists do not need",
  style: "pop",
  prompt: null,
  model: "v5",
  duration: 61,
  state: "succeeded",
  errorMessage: null,
  audioUrl: "/media/c1/audio",
  previewUrl: null,
  imageUrl: "/media/c1/cover",
  videoUrl: null,
  formats: {},
  archived: true,
  waveform: null,
  visibility: "team",
  starred: false,
  owner: { id: "u1", name: "Ann" },
  parentClipId: null,
  continueAt: null,
  segments: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  deletedAt: null,
  ...over,
});

const names = new Map([["demo", "Demo (offline)"]]);

describe("list rows and the player queue", () => {
  it("keeps what a row shows and leaves the lyrics out", () => {
    const row = toCardData(clip({}), names);
    expect(row.providerName).toBe("Demo (offline)");
    expect(row).not.toHaveProperty("lyrics");
    expect(toCardData(clip({ providerId: "gone" }), names).providerName).toBe("gone");
  });

  it("shows a length the way the player's clock does, so the row and the player agree", () => {
    for (const seconds of [30.6, 59.5, 61, 0.4]) {
      const row = toCardData(clip({ duration: seconds }), names);
      expect(formatClock(row.duration), String(seconds)).toBe(formatClock(seconds));
    }
    expect(toCardData(clip({ duration: 30.6 }), names).duration).toBe(30);
    expect(toCardData(clip({ duration: null }), names).duration).toBeNull();
  });

  it("queues playable songs in list order, using the live preview while one streams", () => {
    const rows = [
      clip({ id: "a", title: "" }),
      clip({ id: "b", audioUrl: null, previewUrl: null, state: "queued" }),
      clip({ id: "c", audioUrl: null, previewUrl: "https://cdn/x.mp3", state: "streaming" }),
      clip({ id: "d", deletedAt: "2026-01-02T00:00:00.000Z" }),
    ].map((c) => toCardData(c, names));
    const tracks = toTracks(rows, "Untitled");
    expect(tracks.map((t) => t.id)).toEqual(["a", "c"]);
    expect(tracks[0]).toMatchObject({ title: "Untitled", artist: "Ann", href: "/clips/a", coverUrl: "/media/c1/cover" });
    expect(tracks[1].audioUrl).toBe("https://cdn/x.mp3");
  });
});

describe("a list's rows as pages arrive", () => {
  const rows = (...ids: string[]) => ids.map((id) => toCardData(clip({ id }), names));
  const ids = (list: { id: string }[]) => list.map((c) => c.id);

  it("appends a next page without showing a row twice", () => {
    // A song made between the pages pushed "c" onto the next page as well.
    expect(ids(appendPage(rows("e", "d", "c"), rows("c", "b", "a")))).toEqual(["e", "d", "c", "b", "a"]);
  });

  it("takes a refreshed first page as the list when nothing more was loaded", () => {
    // "n1" and "n2" finished since; "c" moved to the next page, where Load more will find it.
    expect(ids(withFreshFirstPage(rows("e", "d", "c"), rows("n2", "n1", "e"), false))).toEqual(["n2", "n1", "e"]);
  });

  it("keeps the rows Load more added below a refreshed first page", () => {
    expect(ids(withFreshFirstPage(rows("e", "d", "c", "b", "a"), rows("n2", "n1", "e"), true))).toEqual(["n2", "n1", "e", "d", "c", "b", "a"]);
  });
});
