import MP3Tag from "mp3tag.js";

// ID3v2.4 tags for an exported MP3. mp3tag.js writes v2.4 (node-id3, the better-known
// library, writes only v2.3), replaces whatever tag the vendor's file carried, and
// leaves the audio frames as they are. It works on one file's bytes in memory: the
// export holds one song at a time.

export interface SongTags {
  title: string;
  artist: string;
  album: string;
  track: number;
  trackTotal: number;
  lyrics?: string | null;
  cover?: { data: Buffer; contentType: string } | null;
  /** TXXX:songloft_id, so a file can be traced back to its clip. */
  songloftId: string;
}

export function tagMp3(audio: Buffer, tags: SongTags): Buffer {
  const mp3 = new MP3Tag(audio);
  mp3.read({ id3v1: false });
  if (mp3.error) throw new Error(`Cannot read the MP3's tags: ${mp3.error}`);
  mp3.tags.v2 = {
    TIT2: tags.title,
    TPE1: tags.artist,
    TALB: tags.album,
    TRCK: `${tags.track}/${tags.trackTotal}`,
    TXXX: [{ description: "songloft_id", text: tags.songloftId }],
    ...(tags.lyrics ? { USLT: [{ language: "und", descriptor: "", text: tags.lyrics }] } : {}),
    ...(tags.cover ? { APIC: [{ format: tags.cover.contentType, type: 3, description: "Cover", data: [...tags.cover.data] }] } : {}),
  };
  const out = mp3.save({ strict: true, id3v1: { include: false }, id3v2: { include: true, version: 4, padding: 0, encoding: "utf-8" } });
  if (mp3.error) throw new Error(`Cannot write the MP3's tags: ${mp3.error}`);
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
