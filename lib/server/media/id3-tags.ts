import {
  ByteVector,
  Id3v2Settings,
  Id3v2Tag,
  Id3v2TagHeader,
  Id3v2UnsynchronizedLyricsFrame,
  Id3v2UserTextInformationFrame,
  Picture,
  PictureType,
  StringType,
} from "node-taglib-sharp";

// ID3v2.4 tags for an exported MP3, rendered by node-taglib-sharp (a port of TagLib#)
// on their own, without the audio: the export streams the new tag and then the file
// after the tag it came with, so only the tag and its cover are ever in memory.
// node-id3 writes only v2.3; mp3tag.js writes v2.4 but spends about 1 ms of CPU per KB
// of cover (it works on arrays of numbers), which a 10,000-song export cannot afford.

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

Id3v2Settings.defaultEncoding = StringType.UTF8;

export function id3v24Tag(tags: SongTags): Buffer {
  const tag = Id3v2Tag.fromEmpty();
  tag.version = 4;
  tag.title = tags.title;
  tag.performers = [tags.artist];
  tag.album = tags.album;
  tag.track = tags.track;
  tag.trackCount = tags.trackTotal;
  const id = Id3v2UserTextInformationFrame.fromDescription("songloft_id", StringType.UTF8);
  id.text = [tags.songloftId];
  tag.addFrame(id);
  if (tags.lyrics) {
    // "und": ISO 639-2 for a language not stated; the songs mix languages freely.
    const lyrics = Id3v2UnsynchronizedLyricsFrame.fromData("", "und", StringType.UTF8);
    lyrics.text = tags.lyrics;
    tag.addFrame(lyrics);
  }
  if (tags.cover) {
    tag.pictures = [Picture.fromFullData(ByteVector.fromByteArray(tags.cover.data), PictureType.FrontCover, tags.cover.contentType, "Cover")];
  }
  return Buffer.from(tag.render().toByteArray());
}

/** Bytes of ID3v2 tag at the start of a file (0 when none), from its first 10 bytes; footer included. */
export function existingTagLength(head: Buffer): number {
  if (head.length < 10) return 0;
  try {
    return Id3v2TagHeader.fromData(ByteVector.fromByteArray(head.subarray(0, 10))).completeTagSize;
  } catch {
    // Not an ID3v2 header (or a corrupt one): the file starts with audio.
    return 0;
  }
}
