// What the audio decoders (decode-audio.ts, decode-wav.ts) share.

/** What chunks of decoded audio go to: one Float32Array of samples (-1…1) per channel. */
export type AudioSink = (channels: Float32Array[]) => void;

/** A file the decoders cannot read: an unsupported format, or one that yields no audio. */
export class UndecodableAudioError extends Error {}

/** Gives the event loop back between chunks, so requests and the poller run while a song decodes. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
