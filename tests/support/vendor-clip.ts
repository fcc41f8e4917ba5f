import type { VendorClip } from "@/lib/server/providers/types";

/** A clip as an adapter reports it, every field empty unless given: tests name only what they test. */
export function vendorClip(over: Partial<VendorClip> = {}): VendorClip {
  return {
    vendorClipId: "c",
    title: null,
    lyrics: null,
    style: null,
    model: "v4",
    vendorModel: null,
    duration: null,
    audioUrl: null,
    streamAudioUrl: null,
    imageUrl: null,
    imageLargeUrl: null,
    videoUrl: null,
    state: "queued",
    errorMessage: null,
    createdAt: null,
    ...over,
  };
}
